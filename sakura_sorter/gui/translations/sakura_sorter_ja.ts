<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
  <context>
    <name>Apply</name>
    <message>
      <location filename="../apply_dialog.py" line="33" />
      <source>Move</source>
      <translation>移動</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="34" />
      <source>Copy</source>
      <translation>コピー</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="35" />
      <source>Tag</source>
      <translation>タグ付け</translation>
    </message>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="41" />
      <source>{verb} %n photo(s)</source>
      <translation>
        <numerusform>{verb}: %n 枚</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="94" />
      <source>No photo is moved: the label is written into an XMP sidecar next to each photo.</source>
      <translation>写真は移動しません。ラベルは各写真の隣の XMP サイドカーに書き込まれます。</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="96" />
      <source>Photos are moved into subfolders of {folder}; their sidecar files go with them.</source>
      <translation>写真は {folder} のサブフォルダーへ移動します。サイドカーファイルも一緒に移動します。</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="98" />
      <source>Photos are copied into subfolders of {folder}; the originals stay.</source>
      <translation>写真は {folder} のサブフォルダーへコピーされます。元の写真はそのまま残ります。</translation>
    </message>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="105" />
      <source>%n photo(s) in subfolders ({names}) go into class folders inside their own subfolder, for example {example}; the subfolders keep their place.</source>
      <translation>
        <numerusform>サブフォルダー（{names}）の %n 枚は、それぞれのサブフォルダーの中の分類フォルダーへ入ります（例: {example}）。サブフォルダーの場所は変わりません。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="113" />
      <source>%n photo(s) from subfolders ({names}) are gathered into the class folders at the top, for example {example}; the subfolders stay, emptier.</source>
      <translation>
        <numerusform>サブフォルダー（{names}）の %n 枚は、最上位の分類フォルダーへまとめられます（例: {example}）。サブフォルダー自体は残りますが、中身は減ります。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="126" />
      <source>moved</source>
      <translation>移動</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="127" />
      <source>copied</source>
      <translation>コピー</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="128" />
      <source>tagged</source>
      <translation>タグ付け</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="136" />
      <source>tagged as &lt;b&gt;{title}&lt;/b&gt; (XMP sidecar)</source>
      <translation>&lt;b&gt;{title}&lt;/b&gt; としてタグ付け（XMP サイドカー）</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="138" />
      <source>{done} into &lt;b&gt;{folder}/&lt;/b&gt;</source>
      <translation>&lt;b&gt;{folder}/&lt;/b&gt; へ{done}</translation>
    </message>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="140" />
      <source>(%n by your label)</source>
      <translation>
        <numerusform>（うち %n 枚はあなたのラベル）</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="143" />
      <source>stay here: neither {classes}</source>
      <translation>元の場所に残る: {classes}のどちらでもない</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="144" />
      <source>stay here: you chose “neither / leave here”</source>
      <translation>元の場所に残る: 「どちらでもない（ここに残す）」を選択</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="147" />
      <source>stay here: confidence below {threshold:.1f} % and not reviewed</source>
      <translation>元の場所に残る: 確信度が {threshold:.1f} % 未満で未確認</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="151" />
      <source>skipped (already sorted or tagged, links, …)</source>
      <translation>スキップ（仕分け済み・タグ付け済み、リンクなど）</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="152" />
      <source>cannot be sorted (errors; see the list)</source>
      <translation>仕分けできない（エラー。一覧を参照）</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="156" />
      <source>Nothing is overwritten, and Undo (Ctrl+Z) reverses it.</source>
      <translation>上書きは一切ありません。「元に戻す」（Ctrl+Z）で取り消せます。</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="161" />
      <source> nor </source>
      <translation>・</translation>
    </message>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="169" />
      <source>&lt;b&gt;%n photo(s) are no longer where they were when classified&lt;/b&gt; (moved, renamed or deleted outside this window, e.g. {example}). They are left out.</source>
      <translation>
        <numerusform>&lt;b&gt;%n 枚の写真が、分類したときの場所にありません&lt;/b&gt;（このウィンドウの外で移動・名前変更・削除されました。例: {example}）。これらは対象から外します。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="179" />
      <source>&lt;b&gt;%n photo(s) changed since they were classified&lt;/b&gt; (e.g. {example}); their labels may be out of date.</source>
      <translation>
        <numerusform>&lt;b&gt;%n 枚の写真が分類後に変更されました&lt;/b&gt;（例: {example}）。ラベルが古くなっているかもしれません。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="187" />
      <source>Classify again (F5) to see the folder as it is now.</source>
      <translation>今のフォルダーの状態を見るには、もう一度分類してください（F5）。</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="201" />
      <source>{verb} photos</source>
      <translation>写真を{verb}</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="205" />
      <source>{what}?</source>
      <translation>{what}？</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="213" />
      <source>Nothing to do with the current labels and threshold.</source>
      <translation>今のラベルとしきい値では、することがありません。</translation>
    </message>
    <message>
      <location filename="../apply_dialog.py" line="220" />
      <source>Classify again</source>
      <translation>もう一度分類</translation>
    </message>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="226" />
      <source>Review %n first</source>
      <translation>
        <numerusform>先に %n 枚を確認</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Controller</name>
    <message>
      <location filename="../controller.py" line="112" />
      <source>Could not open the folder.</source>
      <translation>フォルダーを開けませんでした。</translation>
    </message>
    <message>
      <location filename="../controller.py" line="113" />
      <source>Could not classify the photos.</source>
      <translation>写真を分類できませんでした。</translation>
    </message>
    <message>
      <location filename="../controller.py" line="114" />
      <source>Could not prepare the plan.</source>
      <translation>仕分けの計画を作れませんでした。</translation>
    </message>
    <message>
      <location filename="../controller.py" line="115" />
      <source>Could not apply.</source>
      <translation>実行できませんでした。</translation>
    </message>
    <message>
      <location filename="../controller.py" line="116" />
      <source>Could not undo.</source>
      <translation>元に戻せませんでした。</translation>
    </message>
    <message>
      <location filename="../controller.py" line="117" />
      <source>Could not write the report.</source>
      <translation>レポートを書き出せませんでした。</translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="122" />
      <source>Stopped after %n photo(s).</source>
      <translation>
        <numerusform>%n 枚で止まりました。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../controller.py" line="138" />
      <source>bundled</source>
      <translation>標準</translation>
    </message>
    <message>
      <location filename="../controller.py" line="139" />
      <source>Model: {name}</source>
      <translation>モデル: {name}</translation>
    </message>
    <message>
      <location filename="../controller.py" line="140" />
      <source>Active model: {name}</source>
      <translation>使用中のモデル: {name}</translation>
    </message>
    <message>
      <location filename="../controller.py" line="146" />
      <source>Choose a folder of photos</source>
      <translation>写真のフォルダーを選ぶ</translation>
    </message>
    <message>
      <location filename="../controller.py" line="153" />
      <source>Wait for the current job to finish (or stop it) first.</source>
      <translation>今の処理が終わるまで待つか、止めてからにしてください。</translation>
    </message>
    <message>
      <location filename="../controller.py" line="170" />
      <source>Your labels are not applied yet</source>
      <translation>ラベルがまだ反映されていません</translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="171" />
      <source>You labelled %n photo(s) and have not applied the labels yet.</source>
      <translation>
        <numerusform>%n 枚にラベルを付けましたが、まだ実行していません。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../controller.py" line="172" />
      <source>They are lost if you {doing} now. Apply first to keep them.</source>
      <translation>今{doing}と、ラベルは失われます。残すには先に実行してください。</translation>
    </message>
    <message>
      <location filename="../controller.py" line="173" />
      <source>Discard my labels</source>
      <translation>ラベルを破棄する</translation>
    </message>
    <message>
      <location filename="../controller.py" line="174" />
      <source>Keep them</source>
      <translation>残す</translation>
    </message>
    <message>
      <location filename="../controller.py" line="184" />
      <source>classify again</source>
      <translation>もう一度分類する</translation>
    </message>
    <message>
      <location filename="../controller.py" line="195" />
      <source>Looking for photos…</source>
      <translation>写真を探しています…</translation>
    </message>
    <message>
      <location filename="../controller.py" line="196" />
      <source>looking for photos</source>
      <translation>写真を検索中</translation>
    </message>
    <message>
      <location filename="../controller.py" line="210" />
      <source>You may look at these photos and classify them, but &lt;b&gt;this folder is read-only for you&lt;/b&gt;, so they cannot be moved, copied or tagged here. Copy the folder to a place you can change, or ask its owner for write access.</source>
      <translation>写真の表示と分類はできますが、&lt;b&gt;このフォルダーはあなたには読み取り専用&lt;/b&gt;のため、ここで移動・コピー・タグ付けはできません。変更できる場所にフォルダーをコピーするか、所有者に書き込み権限を依頼してください。</translation>
    </message>
    <message>
      <location filename="../controller.py" line="219" />
      <source>An earlier sort of this folder was interrupted. Apply finishes it first; Undo reverses it.</source>
      <translation>このフォルダーの前回の仕分けが中断されています。「実行」で先にそれを完了し、「元に戻す」で取り消します。</translation>
    </message>
    <message>
      <location filename="../controller.py" line="222" />
      <source>Choose “With subfolders” to look deeper.</source>
      <translation>さらに奥を探すには「サブフォルダーも含める」を選んでください。</translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="224" />
      <source>(%n already sorted into class folders.)</source>
      <translation>
        <numerusform>（%n 枚は分類フォルダーに仕分け済みです）</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../controller.py" line="226" />
      <source>No photos to sort in {folder}.</source>
      <translation>{folder} には仕分ける写真がありません。</translation>
    </message>
    <message>
      <location filename="../controller.py" line="229" />
      <source>No photos found.</source>
      <translation>写真が見つかりません。</translation>
    </message>
    <message>
      <location filename="../controller.py" line="230" />
      <source>no photos</source>
      <translation>写真なし</translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="235" />
      <source>Classifying %n photo(s)…</source>
      <translation>
        <numerusform>%n 枚を分類しています…</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../controller.py" line="243" />
      <source>Starting…</source>
      <translation>開始しています…</translation>
    </message>
    <message>
      <location filename="../controller.py" line="257" />
      <source>Loading the VGG16 model (a few seconds the first time)…</source>
      <translation>VGG16 モデルを読み込んでいます（初回は数秒かかります）…</translation>
    </message>
    <message>
      <location filename="../controller.py" line="259" />
      <source>Downloading the VGG16 weights (58.9 MB, once)…</source>
      <translation>VGG16 の重みをダウンロードしています（58.9 MB、初回のみ）…</translation>
    </message>
    <message>
      <location filename="../controller.py" line="270" />
      <source>{rate} photos/s · {eta} left</source>
      <translation>{rate} 枚/秒 · 残り {eta}</translation>
    </message>
    <message>
      <location filename="../controller.py" line="272" />
      <source>classifying {done}/{total}</source>
      <translation>分類中 {done}/{total}</translation>
    </message>
    <message>
      <location filename="../controller.py" line="280" />
      <source>Stopping after this batch…</source>
      <translation>このバッチの後で止めます…</translation>
    </message>
    <message>
      <location filename="../controller.py" line="287" />
      <source>Stopped: {done} of {total} photos classified. Apply acts on those.</source>
      <translation>停止: {total} 枚中 {done} 枚を分類しました。「実行」はそれらが対象です。</translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="292" />
      <source>Classified %n photo(s).</source>
      <translation>
        <numerusform>%n 枚を分類しました。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="293" />
      <source>%n photo(s) classified</source>
      <translation>
        <numerusform>%n 枚を分類済み</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="298" />
      <source>&lt;b&gt;%n photo(s)&lt;/b&gt; are below the confidence threshold. Review them, or press &lt;b&gt;{apply}&lt;/b&gt; ({keys}) to sort the others and leave these where they are.</source>
      <translation>
        <numerusform>&lt;b&gt;%n 枚&lt;/b&gt;は確信度がしきい値未満です。確認するか、&lt;b&gt;{apply}&lt;/b&gt;（{keys}）で残りを仕分けてください。これらは元の場所に残ります。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../controller.py" line="303" />
      <source>Review now</source>
      <translation>今すぐ確認</translation>
    </message>
    <message>
      <location filename="../controller.py" line="311" />
      <source>&amp;Review uncertain ({n})</source>
      <translation>不確かな写真を確認 ({n})(&amp;R)</translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="314" />
      <source>%n neither</source>
      <translation>
        <numerusform>どちらでもない %n</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="316" />
      <source>%n to review</source>
      <translation>
        <numerusform>要確認 %n</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="318" />
      <source>%n error(s)</source>
      <translation>
        <numerusform>エラー %n</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../controller.py" line="332" />
      <source>&amp;Classify again</source>
      <translation>もう一度分類(&amp;C)</translation>
    </message>
    <message>
      <location filename="../controller.py" line="332" />
      <source>&amp;Classify</source>
      <translation>分類(&amp;C)</translation>
    </message>
    <message>
      <location filename="../controller.py" line="338" />
      <source>Show what will happen, then do it (can be undone)</source>
      <translation>何が起きるかを表示してから実行します（元に戻せます）</translation>
    </message>
    <message>
      <location filename="../controller.py" line="340" />
      <source>This folder is read-only for you: nothing can be sorted here</source>
      <translation>このフォルダーはあなたには読み取り専用です。ここでは仕分けできません</translation>
    </message>
    <message>
      <location filename="../controller.py" line="351" />
      <source>Nothing to review.</source>
      <translation>確認する写真はありません。</translation>
    </message>
    <message>
      <location filename="../disk_jobs.py" line="89" />
      <source>Checking the photos…</source>
      <translation>写真を確認しています…</translation>
    </message>
    <message>
      <location filename="../disk_jobs.py" line="115" />
      <source>{done} of {total} photos done</source>
      <translation>{total} 枚中 {done} 枚完了</translation>
    </message>
    <message>
      <location filename="../disk_jobs.py" line="134" />
      <source>Undo</source>
      <translation>元に戻す</translation>
    </message>
    <message>
      <location filename="../disk_jobs.py" line="135" />
      <source>applied</source>
      <translation>実行済み</translation>
    </message>
    <message numerus="yes">
      <location filename="../disk_jobs.py" line="144" />
      <source>%n photo(s) go back to where they were.</source>
      <translation>
        <numerusform>%n 枚の写真が元の場所に戻ります。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../disk_jobs.py" line="146" />
      <source>The photos of the last run go back to where they were.</source>
      <translation>前回の実行の写真が元の場所に戻ります。</translation>
    </message>
    <message>
      <location filename="../disk_jobs.py" line="151" />
      <source>Undo the last run in {folder}?</source>
      <translation>{folder} での前回の実行を元に戻しますか？</translation>
    </message>
    <message>
      <location filename="../disk_jobs.py" line="156" />
      <source>Undoing the last run…</source>
      <translation>前回の実行を元に戻しています…</translation>
    </message>
    <message>
      <location filename="../disk_jobs.py" line="166" />
      <source>Nothing to undo in this folder.</source>
      <translation>このフォルダーには元に戻すものがありません。</translation>
    </message>
    <message>
      <location filename="../disk_jobs.py" line="174" />
      <source>undone</source>
      <translation>元に戻しました</translation>
    </message>
    <message>
      <location filename="../disk_jobs.py" line="186" />
      <source>Export the report</source>
      <translation>レポートを書き出す</translation>
    </message>
    <message>
      <location filename="../disk_jobs.py" line="186" />
      <source>CSV files (*.csv)</source>
      <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
      <location filename="../disk_jobs.py" line="197" />
      <source>Writing the report…</source>
      <translation>レポートを書き出しています…</translation>
    </message>
    <message>
      <location filename="../disk_jobs.py" line="202" />
      <source>Report written to {file}.</source>
      <translation>レポートを {file} に書き出しました。</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../dialogs.py" line="29" />
      <source>Check that you are allowed to change this folder and its files.</source>
      <translation>このフォルダーとその中のファイルを変更する権限があるか確認してください。</translation>
    </message>
    <message>
      <location filename="../dialogs.py" line="31" />
      <source>The disk is read-only: copy the photos to a disk you can write to.</source>
      <translation>ディスクが読み取り専用です。書き込めるディスクに写真をコピーしてください。</translation>
    </message>
    <message>
      <location filename="../dialogs.py" line="32" />
      <source>Free some space on the disk, then try again.</source>
      <translation>ディスクの空き容量を増やしてから、もう一度お試しください。</translation>
    </message>
    <message>
      <location filename="../dialogs.py" line="33" />
      <source>A file or folder was moved or deleted meanwhile: classify again.</source>
      <translation>その間にファイルかフォルダーが移動または削除されました。もう一度分類してください。</translation>
    </message>
    <message>
      <location filename="../dialogs.py" line="35" />
      <source>Try again; if it keeps failing, check the disk.</source>
      <translation>もう一度お試しください。失敗が続く場合はディスクを確認してください。</translation>
    </message>
    <message>
      <location filename="../dialogs.py" line="36" />
      <source>The system refused: {reason}.</source>
      <translation>システムが拒否しました: {reason}</translation>
    </message>
    <message>
      <location filename="../dialogs.py" line="37" />
      <source>Something unexpected went wrong ({kind}). Details were printed on the terminal.</source>
      <translation>予期しない問題が起きました（{kind}）。詳細はターミナルに出力されています。</translation>
    </message>
    <message>
      <location filename="../dialogs.py" line="38" />
      <source>Please report this problem.</source>
      <translation>この問題をご報告ください。</translation>
    </message>
    <message>
      <location filename="../dialogs.py" line="44" />
      <source>Sakura Sorter</source>
      <translation>Sakura Sorter</translation>
    </message>
    <message>
      <location filename="../dialogs.py" line="47" />
      <source>What to do: {hint}</source>
      <translation>対処法: {hint}</translation>
    </message>
  </context>
  <context>
    <name>About</name>
    <message>
      <location filename="../dialogs.py" line="73" />
      <source>&lt;h3&gt;Sakura Sorter {version}&lt;/h3&gt;&lt;p&gt;Sorts a folder of photos into &lt;b&gt;sakura/&lt;/b&gt; and &lt;b&gt;cosmos/&lt;/b&gt; on your own computer, offline: ImageNet VGG16 features and a linear SVM. Photos it is unsure of, and photos of neither, stay where they are. Every change is journaled and can be undone.&lt;/p&gt;&lt;p&gt;Model: &lt;b&gt;{model}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;MIT licence.&lt;/p&gt;</source>
      <translation>&lt;h3&gt;Sakura Sorter {version}&lt;/h3&gt;&lt;p&gt;フォルダーの写真を、お使いのコンピューター上でオフラインのまま &lt;b&gt;sakura/&lt;/b&gt;（桜）と &lt;b&gt;cosmos/&lt;/b&gt;（コスモス）に仕分けます。ImageNet VGG16 の特徴量と線形 SVM を使います。判断に自信のない写真と、どちらでもない写真は元の場所に残ります。すべての変更は記録され、元に戻せます。&lt;/p&gt;&lt;p&gt;モデル: &lt;b&gt;{model}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;MIT ライセンス&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../dialogs.py" line="83" />
      <source>About Sakura Sorter</source>
      <translation>Sakura Sorter について</translation>
    </message>
  </context>
  <context>
    <name>Grid</name>
    <message>
      <location filename="../grid.py" line="59" />
      <source>cannot read</source>
      <translation>読めません</translation>
    </message>
    <message>
      <location filename="../grid.py" line="63" />
      <source>review?</source>
      <translation>要確認</translation>
    </message>
  </context>
  <context>
    <name>WindowMenus</name>
    <message>
      <location filename="../menus.py" line="53" />
      <source>&amp;Open folder…</source>
      <translation>フォルダーを開く(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../menus.py" line="54" />
      <source>Choose a folder of photos (you can also drop one on the window)</source>
      <translation>写真のフォルダーを選びます（ウィンドウにドロップすることもできます）</translation>
    </message>
    <message>
      <location filename="../menus.py" line="57" />
      <source>&amp;Export report…</source>
      <translation>レポートを書き出す(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../menus.py" line="58" />
      <source>Save a CSV report: the same as 'sakura-sorter sort --report'</source>
      <translation>CSV レポートを保存します（'sakura-sorter sort --report' と同じ内容）</translation>
    </message>
    <message>
      <location filename="../menus.py" line="60" />
      <source>&amp;Quit</source>
      <translation>終了(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="62" />
      <source>&amp;Classify</source>
      <translation>分類(&amp;C)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="63" />
      <source>Classify the photos of the folder (no file is changed)</source>
      <translation>フォルダーの写真を分類します（ファイルは変更しません）</translation>
    </message>
    <message>
      <location filename="../menus.py" line="66" />
      <source>&amp;Stop</source>
      <translation>停止(&amp;S)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="67" />
      <source>Stop after the current batch; the photos done so far stay listed</source>
      <translation>今のバッチの後で止めます。それまでの写真は一覧に残ります</translation>
    </message>
    <message>
      <location filename="../menus.py" line="70" />
      <source>&amp;Apply…</source>
      <translation>実行(&amp;A)…</translation>
    </message>
    <message>
      <location filename="../menus.py" line="71" />
      <source>Show what will happen, then do it (can be undone)</source>
      <translation>何が起きるかを表示してから実行します（元に戻せます）</translation>
    </message>
    <message>
      <location filename="../menus.py" line="74" />
      <source>&amp;Undo last run…</source>
      <translation>前回の実行を元に戻す(&amp;U)…</translation>
    </message>
    <message>
      <location filename="../menus.py" line="75" />
      <source>Put the photos of the last run back where they were</source>
      <translation>前回の実行の写真を元の場所に戻します</translation>
    </message>
    <message>
      <location filename="../menus.py" line="78" />
      <source>&amp;Review uncertain</source>
      <translation>不確かな写真を確認(&amp;R)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="79" />
      <source>Look at the photos below the threshold one at a time, large</source>
      <translation>しきい値未満の写真を 1 枚ずつ大きく表示します</translation>
    </message>
    <message>
      <location filename="../menus.py" line="82" />
      <source>Large &amp;preview</source>
      <translation>大きく表示(&amp;P)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="83" />
      <source>Show the selected photos large, one at a time (Enter or double-click too)</source>
      <translation>選んだ写真を 1 枚ずつ大きく表示します（Enter やダブルクリックでも）</translation>
    </message>
    <message>
      <location filename="../menus.py" line="86" />
      <source>&amp;Grid of thumbnails</source>
      <translation>サムネイルのグリッド(&amp;G)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="87" />
      <source>&amp;List with details</source>
      <translation>詳細つきの一覧(&amp;L)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="93" />
      <source>&amp;Neither: leave here</source>
      <translation>どちらでもない: ここに残す(&amp;N)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="94" />
      <source>The photo belongs to no class: it stays where it is</source>
      <translation>どの分類にも当たらない写真です。元の場所に残ります</translation>
    </message>
    <message>
      <location filename="../menus.py" line="97" />
      <source>Use the &amp;model's label</source>
      <translation>モデルのラベルに戻す(&amp;M)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="101" />
      <source>&amp;About Sakura Sorter</source>
      <translation>Sakura Sorter について(&amp;A)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="107" />
      <source>&amp;File</source>
      <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="109" />
      <source>&amp;Sort</source>
      <translation>仕分け(&amp;S)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="113" />
      <source>&amp;Label</source>
      <translation>ラベル(&amp;L)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="114" />
      <source>&amp;View</source>
      <translation>表示(&amp;V)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="116" />
      <source>&amp;Model</source>
      <translation>モデル(&amp;M)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="118" />
      <source>&amp;Help</source>
      <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
      <location filename="../menus.py" line="132" />
      <source>Label the selected photos {label}</source>
      <translation>選んだ写真に「{label}」のラベルを付けます</translation>
    </message>
  </context>
  <context>
    <name>Outcome</name>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="23" />
      <source>Moved %n photo(s).</source>
      <translation>
        <numerusform>%n 枚を移動しました。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="24" />
      <source>Copied %n photo(s).</source>
      <translation>
        <numerusform>%n 枚をコピーしました。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="25" />
      <source>Tagged %n photo(s).</source>
      <translation>
        <numerusform>%n 枚にタグを付けました。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="39" />
      <source>%n stay here: neither class.</source>
      <translation>
        <numerusform>%n 枚はどちらでもないため元の場所に残ります。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="40" />
      <source>%n stay here: you chose “neither / leave here”.</source>
      <translation>
        <numerusform>%n 枚は「どちらでもない（ここに残す）」を選んだため残ります。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="41" />
      <source>%n stay here for review.</source>
      <translation>
        <numerusform>%n 枚は確認のため元の場所に残ります。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../outcome_text.py" line="46" />
      <source>An interrupted earlier run was finished first.</source>
      <translation>中断されていた前回の実行を先に完了しました。</translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="48" />
      <source>%n could not be sorted (see the Status column).</source>
      <translation>
        <numerusform>%n 枚は仕分けできませんでした（「状態」列を参照）。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="54" />
      <source>Undone: %n photo(s) restored.</source>
      <translation>
        <numerusform>元に戻しました: %n 枚を復元しました。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../outcome_text.py" line="56" />
      <source>That run was not made in this window; press F5 to see the folder as it is.</source>
      <translation>その実行はこのウィンドウで行ったものではありません。今の状態を見るには F5 を押してください。</translation>
    </message>
    <message>
      <location filename="../outcome_text.py" line="58" />
      <source>Note: {note}</source>
      <translation>メモ: {note}</translation>
    </message>
    <message>
      <location filename="../outcome_text.py" line="60" />
      <source>Problem: {problem}</source>
      <translation>問題: {problem}</translation>
    </message>
    <message>
      <location filename="../outcome_text.py" line="62" />
      <source>Fix the cause and undo again (Ctrl+Z).</source>
      <translation>原因を直してから、もう一度元に戻してください（Ctrl+Z）。</translation>
    </message>
  </context>
  <context>
    <name>Classes</name>
    <message>
      <location filename="../results_model.py" line="48" />
      <source>sakura</source>
      <translation>桜</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="48" />
      <source>cosmos</source>
      <translation>コスモス</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="74" />
      <source>Neither</source>
      <translation>どちらでもない</translation>
    </message>
  </context>
  <context>
    <name>Results</name>
    <message>
      <location filename="../results_model.py" line="61" />
      <source>Photo</source>
      <translation>写真</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="62" />
      <source>Model says</source>
      <translation>モデルの判定</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="63" />
      <source>Confidence</source>
      <translation>確信度</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="64" />
      <source>Your label</source>
      <translation>あなたのラベル</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="65" />
      <source>Status</source>
      <translation>状態</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="90" />
      <source>Neither (leave here)</source>
      <translation>どちらでもない（ここに残す）</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="304" />
      <source>moved to {folder}/</source>
      <translation>{folder}/ へ移動済み</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="306" />
      <source>tagged {label}</source>
      <translation>{label} とタグ付け済み</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="307" />
      <source>copied to {folder}/</source>
      <translation>{folder}/ へコピー済み</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="309" />
      <source>error: {error}</source>
      <translation>エラー: {error}</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="313" />
      <source>stays here (your choice)</source>
      <translation>ここに残す（あなたの選択）</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="315" />
      <source>needs review</source>
      <translation>要確認</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="317" />
      <source>stays here (neither)</source>
      <translation>ここに残す（どちらでもない）</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="319" />
      <source>skipped</source>
      <translation>スキップ</translation>
    </message>
    <message>
      <location filename="../results_model.py" line="334" />
      <source>Error: {error}</source>
      <translation>エラー: {error}</translation>
    </message>
  </context>
  <context>
    <name>ReviewView</name>
    <message>
      <location filename="../review.py" line="102" />
      <source>Back to the photos  (Esc)</source>
      <translation>写真一覧に戻る  (Esc)</translation>
    </message>
    <message>
      <location filename="../review.py" line="117" />
      <source>◀ Previous  (←)</source>
      <translation>◀ 前へ  (←)</translation>
    </message>
    <message>
      <location filename="../review.py" line="119" />
      <source>Next  (→) ▶</source>
      <translation>次へ  (→) ▶</translation>
    </message>
    <message>
      <location filename="../review.py" line="121" />
      <source>Neither: leave here  ({key})</source>
      <translation>どちらでもない: ここに残す  ({key})</translation>
    </message>
    <message>
      <location filename="../review.py" line="126" />
      <source>Use the model's label  (⌫)</source>
      <translation>モデルのラベルに戻す  (⌫)</translation>
    </message>
    <message>
      <location filename="../review.py" line="189" />
      <source>Keys: {classes}, {neither} neither (leave here), ⌫ the model's label, ← → move, Esc back. Your label wins over the model's when you apply.</source>
      <translation>キー: {classes}、{neither} どちらでもない（ここに残す）、⌫ モデルのラベル、← → 移動、Esc 戻る。実行時はモデルよりあなたのラベルが優先されます。</translation>
    </message>
    <message>
      <location filename="../review.py" line="247" />
      <source>Nothing to review.</source>
      <translation>確認する写真はありません。</translation>
    </message>
    <message>
      <location filename="../review.py" line="254" />
      <source>Cannot show this photo: {error}</source>
      <translation>この写真を表示できません: {error}</translation>
    </message>
    <message>
      <location filename="../review.py" line="254" />
      <source>Loading…</source>
      <translation>読み込み中…</translation>
    </message>
    <message>
      <location filename="../review.py" line="269" />
      <source>That was the last of {n} photos. Esc goes back to the photos; then apply.</source>
      <translation>{n} 枚のうち最後の写真でした。Esc で一覧に戻り、実行してください。</translation>
    </message>
    <message>
      <location filename="../review.py" line="279" />
      <source>Photo {i} of {n}</source>
      <translation>{n} 枚中 {i} 枚目</translation>
    </message>
    <message>
      <location filename="../review.py" line="287" />
      <source>Cannot be classified: {error}</source>
      <translation>分類できません: {error}</translation>
    </message>
    <message>
      <location filename="../review.py" line="292" />
      <source>Model: &lt;b&gt;{label}&lt;/b&gt; ({scores})</source>
      <translation>モデル: &lt;b&gt;{label}&lt;/b&gt;（{scores}）</translation>
    </message>
    <message>
      <location filename="../review.py" line="296" />
      <source>Already applied: {status}</source>
      <translation>実行済み: {status}</translation>
    </message>
    <message>
      <location filename="../review.py" line="298" />
      <source>Your label: &lt;b&gt;{label}&lt;/b&gt;</source>
      <translation>あなたのラベル: &lt;b&gt;{label}&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../review.py" line="300" />
      <source>Needs review (below {threshold:.1f} %)</source>
      <translation>要確認（{threshold:.1f} % 未満）</translation>
    </message>
    <message>
      <location filename="../review.py" line="303" />
      <source>Your label: none yet (the model's label will be used)</source>
      <translation>あなたのラベル: なし（モデルのラベルを使います）</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../view.py" line="129" />
      <source>No folder chosen</source>
      <translation>フォルダーが選ばれていません</translation>
    </message>
    <message>
      <location filename="../view.py" line="137" />
      <source>Move into subfolders</source>
      <translation>サブフォルダーへ移動</translation>
    </message>
    <message>
      <location filename="../view.py" line="138" />
      <source>Copy into subfolders</source>
      <translation>サブフォルダーへコピー</translation>
    </message>
    <message>
      <location filename="../view.py" line="139" />
      <source>Tag (XMP sidecar)</source>
      <translation>タグ付け（XMP サイドカー）</translation>
    </message>
    <message>
      <location filename="../view.py" line="142" />
      <source>What Apply does with each photo</source>
      <translation>「実行」で各写真をどうするか</translation>
    </message>
    <message>
      <location filename="../view.py" line="152" />
      <source>Photos the model is less sure about than this are set aside for you to review (changing it does not run the model again)</source>
      <translation>モデルの確信度がこれより低い写真は、確認用に取り分けられます（変更してもモデルは再実行されません）</translation>
    </message>
    <message>
      <location filename="../view.py" line="160" />
      <source>This folder only</source>
      <translation>このフォルダーのみ</translation>
    </message>
    <message>
      <location filename="../view.py" line="161" />
      <source>With subfolders, each sorted in place</source>
      <translation>サブフォルダーも含める（それぞれの中で仕分け）</translation>
    </message>
    <message>
      <location filename="../view.py" line="162" />
      <source>With subfolders, gathered at the top</source>
      <translation>サブフォルダーも含める（最上位にまとめる）</translation>
    </message>
    <message>
      <location filename="../view.py" line="166" />
      <source>Each sorted in place: 2024/IMG_1.jpg goes to 2024/sakura/. Gathered: it goes to the top folder's sakura/, as 'sort --recursive' does.</source>
      <translation>それぞれの中で仕分け: 2024/IMG_1.jpg は 2024/sakura/ へ。まとめる: 'sort --recursive' と同じく最上位フォルダーの sakura/ へ。</translation>
    </message>
    <message>
      <location filename="../view.py" line="176" />
      <source>Folder:</source>
      <translation>フォルダー:</translation>
    </message>
    <message>
      <location filename="../view.py" line="182" />
      <source>Review below:</source>
      <translation>確認するしきい値:</translation>
    </message>
    <message>
      <location filename="../view.py" line="214" />
      <source>Large preview</source>
      <translation>大きく表示</translation>
    </message>
    <message>
      <location filename="../view.py" line="259" />
      <source>Choose or drop a folder to begin.</source>
      <translation>フォルダーを選ぶかドロップして始めてください。</translation>
    </message>
    <message>
      <location filename="../view.py" line="283" />
      <source>Last folder: {folder}. Press F5 (Classify) to look at it again.</source>
      <translation>前回のフォルダー: {folder}。F5（分類）でもう一度見られます。</translation>
    </message>
    <message>
      <location filename="../view.py" line="300" />
      <source>Press F5 (Classify) to include or leave out the subfolders.</source>
      <translation>サブフォルダーを含める・外すには F5（分類）を押してください。</translation>
    </message>
    <message>
      <location filename="../view.py" line="315" />
      <source>Select photos (Ctrl or Shift + click, Ctrl+A) and press a label key to label them all: {keys}. Space or Enter shows them large.</source>
      <translation>写真を選び（Ctrl／Shift + クリック、Ctrl+A）、ラベルのキーを押すと選んだ写真すべてにラベルが付きます: {keys}。Space か Enter で大きく表示。</translation>
    </message>
    <message>
      <location filename="../view.py" line="374" />
      <source>the model's label</source>
      <translation>モデルのラベル</translation>
    </message>
    <message numerus="yes">
      <location filename="../view.py" line="375" />
      <source>%n photo(s) labelled: {label}.</source>
      <translation>
        <numerusform>%n 枚にラベルを付けました: {label}</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../view.py" line="410" />
      <source>close the window</source>
      <translation>ウィンドウを閉じる</translation>
    </message>
  </context>
  <context>
    <name>Banner</name>
    <message>
      <location filename="../widgets.py" line="50" />
      <source>Dismiss</source>
      <translation>閉じる</translation>
    </message>
  </context>
  <context>
    <name>EmptyPage</name>
    <message>
      <location filename="../widgets.py" line="91" />
      <source>Drop a folder of photos here</source>
      <translation>写真のフォルダーをここにドロップ</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="98" />
      <source>Choose a folder…</source>
      <translation>フォルダーを選ぶ…</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="118" />
      <source>The photos are classified first; nothing on disk changes until you apply. Photos the model is unsure of are set aside for you to review, and photos of neither class stay where they are.</source>
      <translation>まず写真を分類します。「実行」するまでディスク上は何も変わりません。モデルが判断に迷った写真は確認用に取り分けられ、どちらでもない写真は元の場所に残ります。</translation>
    </message>
  </context>
  <context>
    <name>FilterBar</name>
    <message>
      <location filename="../widgets.py" line="140" />
      <source>Show:</source>
      <translation>表示:</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="151" />
      <source>All</source>
      <translation>すべて</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="154" />
      <source>Needs review</source>
      <translation>要確認</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="155" />
      <source>Errors</source>
      <translation>エラー</translation>
    </message>
  </context>
</TS>
