<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
  <context>
    <name>Apply</name>
    <message>
      <location filename="../dialogs/apply.py" line="31" />
      <source>No photo is moved: the label is written into an XMP sidecar next to each photo.</source>
      <translation>写真は移動しません。ラベルは各写真の隣の XMP サイドカーに書き込まれます。</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="33" />
      <source>Photos are moved into subfolders of {folder}; their sidecar files go with them.</source>
      <translation>写真は {folder} のサブフォルダーへ移動します。サイドカーファイルも一緒に移動します。</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="35" />
      <source>Photos are copied into subfolders of {folder}; the originals stay.</source>
      <translation>写真は {folder} のサブフォルダーへコピーされます。元の写真はそのまま残ります。</translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/apply.py" line="42" />
      <source>%n photo(s) in subfolders ({names}) go into class folders inside their own subfolder, for example {example}; the subfolders keep their place.</source>
      <translation>
        <numerusform>サブフォルダー（{names}）の %n 枚は、それぞれのサブフォルダーの中の分類フォルダーへ入ります（例: {example}）。サブフォルダーの場所は変わりません。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/apply.py" line="50" />
      <source>%n photo(s) from subfolders ({names}) are gathered into the class folders at the top, for example {example}; the subfolders stay, emptier.</source>
      <translation>
        <numerusform>サブフォルダー（{names}）の %n 枚は、最上位の分類フォルダーへまとめられます（例: {example}）。サブフォルダー自体は残りますが、中身は減ります。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="63" />
      <source>moved</source>
      <translation>移動</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="64" />
      <source>copied</source>
      <translation>コピー</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="65" />
      <source>tagged</source>
      <translation>タグ付け</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="73" />
      <source>tagged as &lt;b&gt;{title}&lt;/b&gt; (XMP sidecar)</source>
      <translation>&lt;b&gt;{title}&lt;/b&gt; としてタグ付け（XMP サイドカー）</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="75" />
      <source>{done} into &lt;b&gt;{folder}/&lt;/b&gt;</source>
      <translation>&lt;b&gt;{folder}/&lt;/b&gt; へ{done}</translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/apply.py" line="77" />
      <source>(%n by your label)</source>
      <translation>
        <numerusform>（うち %n 枚はあなたのラベル）</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="80" />
      <source>stay here: neither {classes}</source>
      <translation>元の場所に残る: {classes}のどちらでもない</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="81" />
      <source>stay here: you chose “neither / leave here”</source>
      <translation>元の場所に残る: 「どちらでもない（ここに残す）」を選択</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="84" />
      <source>stay here: confidence below {threshold} and not reviewed</source>
      <translation>元の場所に残る: 確信度が {threshold} 未満で未確認</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="88" />
      <source>skipped (already sorted or tagged, links, …)</source>
      <translation>スキップ（仕分け済み・タグ付け済み、リンクなど）</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="89" />
      <source>cannot be sorted (errors; see the list)</source>
      <translation>仕分けできない（エラー。一覧を参照）</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="93" />
      <source>Nothing is overwritten, and Undo (Ctrl+Z) reverses it.</source>
      <translation>上書きは一切ありません。「元に戻す」（Ctrl+Z）で取り消せます。</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="98" />
      <source> nor </source>
      <translation>・</translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/apply.py" line="106" />
      <source>&lt;b&gt;%n photo(s) are no longer where they were when classified&lt;/b&gt; (moved, renamed or deleted outside this window, e.g. {example}). They are left out.</source>
      <translation>
        <numerusform>&lt;b&gt;%n 枚の写真が、分類したときの場所にありません&lt;/b&gt;（このウィンドウの外で移動・名前変更・削除されました。例: {example}）。これらは対象から外します。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/apply.py" line="116" />
      <source>&lt;b&gt;%n photo(s) changed since they were classified&lt;/b&gt; (e.g. {example}); their labels may be out of date.</source>
      <translation>
        <numerusform>&lt;b&gt;%n 枚の写真が分類後に変更されました&lt;/b&gt;（例: {example}）。ラベルが古くなっているかもしれません。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="124" />
      <source>Classify again (F5) to see the folder as it is now.</source>
      <translation>今のフォルダーの状態を見るには、もう一度分類してください（F5）。</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="130" />
      <source>They stay where they are; choose “With subfolders” to sort them too.</source>
      <translation>これらは元の場所に残ります。一緒に仕分けるには「サブフォルダーも含める」を選んでください。</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="144" />
      <source>{verb} photos</source>
      <translation>写真を{verb}</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="148" />
      <source>{what}?</source>
      <translation>{what}？</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="159" />
      <source>Nothing to do with the current labels and threshold.</source>
      <translation>今のラベルとしきい値では、することがありません。</translation>
    </message>
    <message>
      <location filename="../dialogs/apply.py" line="166" />
      <source>Classify again</source>
      <translation>もう一度分類</translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/apply.py" line="172" />
      <source>Review %n first</source>
      <translation>
        <numerusform>先に %n 枚を確認</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../words.py" line="70" />
      <source>Move</source>
      <translation>移動</translation>
    </message>
    <message>
      <location filename="../words.py" line="71" />
      <source>Copy</source>
      <translation>コピー</translation>
    </message>
    <message>
      <location filename="../words.py" line="72" />
      <source>Tag</source>
      <translation>タグ付け</translation>
    </message>
    <message numerus="yes">
      <location filename="../words.py" line="78" />
      <source>{verb} %n photo(s)</source>
      <translation>
        <numerusform>{verb}: %n 枚</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../dialogs/common.py" line="30" />
      <source>Check that you are allowed to change this folder and its files.</source>
      <translation>このフォルダーとその中のファイルを変更する権限があるか確認してください。</translation>
    </message>
    <message>
      <location filename="../dialogs/common.py" line="32" />
      <source>The disk is read-only: copy the photos to a disk you can write to.</source>
      <translation>ディスクが読み取り専用です。書き込めるディスクに写真をコピーしてください。</translation>
    </message>
    <message>
      <location filename="../dialogs/common.py" line="33" />
      <source>Free some space on the disk, then try again.</source>
      <translation>ディスクの空き容量を増やしてから、もう一度お試しください。</translation>
    </message>
    <message>
      <location filename="../dialogs/common.py" line="34" />
      <source>A file or folder was moved or deleted meanwhile: classify again.</source>
      <translation>その間にファイルかフォルダーが移動または削除されました。もう一度分類してください。</translation>
    </message>
    <message>
      <location filename="../dialogs/common.py" line="36" />
      <source>Try again; if it keeps failing, check the disk.</source>
      <translation>もう一度お試しください。失敗が続く場合はディスクを確認してください。</translation>
    </message>
    <message>
      <location filename="../dialogs/common.py" line="37" />
      <source>The system refused: {reason}.</source>
      <translation>システムが拒否しました: {reason}</translation>
    </message>
    <message>
      <location filename="../dialogs/common.py" line="38" />
      <source>Something unexpected went wrong ({kind}). Details were printed on the terminal.</source>
      <translation>予期しない問題が起きました（{kind}）。詳細はターミナルに出力されています。</translation>
    </message>
    <message>
      <location filename="../dialogs/common.py" line="39" />
      <source>Please report this problem.</source>
      <translation>この問題をご報告ください。</translation>
    </message>
    <message>
      <location filename="../dialogs/common.py" line="45" />
      <source>Sakura Sorter</source>
      <translation>Sakura Sorter</translation>
    </message>
    <message>
      <location filename="../dialogs/common.py" line="48" />
      <source>What to do: {hint}</source>
      <translation>対処法: {hint}</translation>
    </message>
  </context>
  <context>
    <name>About</name>
    <message>
      <location filename="../dialogs/common.py" line="99" />
      <source>&lt;h3&gt;Sakura Sorter {version}&lt;/h3&gt;&lt;p&gt;Sorts a folder of photos into &lt;b&gt;sakura/&lt;/b&gt; and &lt;b&gt;cosmos/&lt;/b&gt; on your own computer, offline: ImageNet VGG16 features and a linear SVM. Photos it is unsure of, and photos of neither, stay where they are. Every change is journaled and can be undone.&lt;/p&gt;&lt;p&gt;Model: &lt;b&gt;{model}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;MIT licence.&lt;/p&gt;</source>
      <translation>&lt;h3&gt;Sakura Sorter {version}&lt;/h3&gt;&lt;p&gt;フォルダーの写真を、お使いのコンピューター上でオフラインのまま &lt;b&gt;sakura/&lt;/b&gt;（桜）と &lt;b&gt;cosmos/&lt;/b&gt;（コスモス）に仕分けます。ImageNet VGG16 の特徴量と線形 SVM を使います。判断に自信のない写真と、どちらでもない写真は元の場所に残ります。すべての変更は記録され、元に戻せます。&lt;/p&gt;&lt;p&gt;モデル: &lt;b&gt;{model}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;MIT ライセンス&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../dialogs/common.py" line="109" />
      <source>About Sakura Sorter</source>
      <translation>Sakura Sorter について</translation>
    </message>
  </context>
  <context>
    <name>Outcome</name>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="22" />
      <source>Moved %n photo(s).</source>
      <translation>
        <numerusform>%n 枚を移動しました。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="23" />
      <source>Copied %n photo(s).</source>
      <translation>
        <numerusform>%n 枚をコピーしました。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="24" />
      <source>Tagged %n photo(s).</source>
      <translation>
        <numerusform>%n 枚にタグを付けました。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="38" />
      <source>%n stay here: neither class.</source>
      <translation>
        <numerusform>%n 枚はどちらでもないため元の場所に残ります。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="39" />
      <source>%n stay here: you chose “neither / leave here”.</source>
      <translation>
        <numerusform>%n 枚は「どちらでもない（ここに残す）」を選んだため残ります。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="40" />
      <source>%n stay here for review.</source>
      <translation>
        <numerusform>%n 枚は確認のため元の場所に残ります。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../dialogs/outcome.py" line="45" />
      <source>An interrupted earlier run was finished first.</source>
      <translation>中断されていた前回の実行を先に完了しました。</translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="47" />
      <source>%n could not be sorted (see the Status column).</source>
      <translation>
        <numerusform>%n 枚は仕分けできませんでした（「状態」列を参照）。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="53" />
      <source>Undone: %n photo(s) restored.</source>
      <translation>
        <numerusform>元に戻しました: %n 枚を復元しました。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../dialogs/outcome.py" line="55" />
      <source>That run was not made in this window; press F5 to see the folder as it is.</source>
      <translation>その実行はこのウィンドウで行ったものではありません。今の状態を見るには F5 を押してください。</translation>
    </message>
    <message>
      <location filename="../dialogs/outcome.py" line="57" />
      <source>Note: {note}</source>
      <translation>メモ: {note}</translation>
    </message>
    <message>
      <location filename="../dialogs/outcome.py" line="59" />
      <source>Problem: {problem}</source>
      <translation>問題: {problem}</translation>
    </message>
    <message>
      <location filename="../dialogs/outcome.py" line="61" />
      <source>Fix the cause and undo again (Ctrl+Z).</source>
      <translation>原因を直してから、もう一度元に戻してください（Ctrl+Z）。</translation>
    </message>
  </context>
  <context>
    <name>TeachDialog</name>
    <message>
      <location filename="../dialogs/teach.py" line="43" />
      <source>taught {date}</source>
      <translation>学習 {date}</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="52" />
      <source>Teach the model from your labels</source>
      <translation>あなたのラベルからモデルに学習させる</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="58" />
      <source>A new model learnt from your labels. Switch to it?</source>
      <translation>あなたのラベルから新しいモデルを学習しました。切り替えますか？</translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/teach.py" line="62" />
      <source>It was fitted on the {photos} training photos of “{model}” and your %n label(s) ({labels}), in {seconds:.1f} s. Each of your labels counts as {weight} photos.</source>
      <translation>
        <numerusform>「{model}」の学習用写真 {photos} 枚と、あなたのラベル %n 件（{labels}）で {seconds:.1f} 秒かけて学習しました。あなたのラベルは 1 件を写真 {weight} 枚分として数えます。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="78" />
      <source>Held-out accuracy</source>
      <translation>未使用データでの正解率</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="79" />
      <source>Now: {model}</source>
      <translation>現在: {model}</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="79" />
      <source>Taught model</source>
      <translation>学習後のモデル</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="85" />
      <source>All photos</source>
      <translation>すべての写真</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="86" />
      <source>Your labels</source>
      <translation>あなたのラベル</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="87" />
      <source>The model's own training photos</source>
      <translation>モデル自身の学習用写真</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="101" />
      <source>Measured by 5-fold cross-validation: each photo is labelled by a model fitted without it; the current model is refitted without your labels.</source>
      <translation>5 分割交差検証で測定: 各写真は、その写真を使わずに学習したモデルで判定します。現在のモデルは、あなたのラベルなしで学習し直して比べます。</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="112" />
      <source>A name for the new model (it is listed in the Model menu)</source>
      <translation>新しいモデルの名前（「モデル」メニューに表示されます）</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="114" />
      <source>Name of the new model:</source>
      <translation>新しいモデルの名前:</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="117" />
      <source>Switch to the taught model</source>
      <translation>学習したモデルに切り替える</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="118" />
      <source>Keep the current model</source>
      <translation>今のモデルのままにする</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="125" />
      <source>Either way your labels are kept. The current model stays available in the Model menu.</source>
      <translation>どちらを選んでもラベルは保存されます。今のモデルも「モデル」メニューからいつでも選べます。</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="138" />
      <source>No photo of a folder to compare on: open a folder to see which photos change label.</source>
      <translation>比べるフォルダーの写真がありません。フォルダーを開くと、ラベルが変わる写真がわかります。</translation>
    </message>
    <message>
      <location filename="../dialogs/teach.py" line="140" />
      <source>No photo of this folder changes label (your own labels win either way).</source>
      <translation>このフォルダーでラベルが変わる写真はありません（あなたのラベルはどちらでも優先されます）。</translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/teach.py" line="143" />
      <source>%n of {total} photos in this folder change label (the model's label; yours win):</source>
      <translation>
        <numerusform>このフォルダーの {total} 枚のうち %n 枚で、モデルのラベルが変わります（あなたのラベルが優先されます）:</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/teach.py" line="152" />
      <source>Of the %n photo(s) you labelled in this folder, the new model itself labels {after} as you did (the current model: {before}).</source>
      <translation>
        <numerusform>このフォルダーであなたがラベルを付けた %n 枚のうち、新しいモデル自身があなたと同じラベルを付けるのは {after} 枚です（今のモデル: {before} 枚）。</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>TrainDialog</name>
    <message>
      <location filename="../dialogs/train.py" line="59" />
      <source>Train a model from labelled folders</source>
      <translation>ラベル付きフォルダーからモデルを学習</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="71" />
      <source>Cancel</source>
      <translation>キャンセル</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="73" />
      <source>Train</source>
      <translation>学習する</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="75" />
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="77" />
      <source>Make it the active model</source>
      <translation>このモデルを使う</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="97" />
      <source>Choose a folder with one subfolder of photos per class: the subfolder's name is the class (any number of classes). Photos that belong to no class go into a subfolder named “other” (optional): the model learns to leave such photos where they are.</source>
      <translation>クラスごとに写真のサブフォルダーが 1 つずつあるフォルダーを選んでください。サブフォルダーの名前がクラス名になります（クラスの数はいくつでも構いません）。どのクラスでもない写真は「other」という名前のサブフォルダーに入れてください（任意）。モデルはそうした写真を元の場所に残すことを学びます。</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="108" />
      <source>my flowers</source>
      <translation>花の写真</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="112" />
      <source>(optional: photos of neither class)</source>
      <translation>（任意: どのクラスでもない写真）</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="119" />
      <source>Folder with one subfolder per class</source>
      <translation>クラスごとのサブフォルダーがあるフォルダー</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="121" />
      <source>Choose…</source>
      <translation>選ぶ…</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="124" />
      <source>Optional: another folder of photos of neither class</source>
      <translation>任意: どのクラスでもない写真の別フォルダー</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="127" />
      <source>Photos that belong to no class</source>
      <translation>どのクラスでもない写真</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="129" />
      <source>The model is listed under this name in the Model menu</source>
      <translation>この名前で「モデル」メニューに表示されます</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="135" />
      <source>Classes:</source>
      <translation>クラス:</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="138" />
      <source>Neither:</source>
      <translation>どちらでもない:</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="141" />
      <source>Name:</source>
      <translation>名前:</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="144" />
      <source>Features of photos read before are taken from the cache, so training again is quick. The figures shown afterwards hold photos out to measure the model honestly; the model itself is then fitted on all of them.</source>
      <translation>一度読んだ写真の特徴量はキャッシュから読むので、2 回目以降の学習は速く終わります。学習後に表示する数値は、一部の写真を学習から外して公平に測ったものです。モデル自体はそのあと全部の写真で学習します。</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="193" />
      <source>Close without using it</source>
      <translation>使わずに閉じる</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="218" />
      <source>Looking at the folder…</source>
      <translation>フォルダーを調べています…</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="240" />
      <source>Stopping after this batch…</source>
      <translation>このバッチの後で止めます…</translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/train.py" line="273" />
      <source>%n photo(s) of {name}</source>
      <translation>
        <numerusform>{name}: %n 枚</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/train.py" line="275" />
      <source>%n photo(s) of neither class</source>
      <translation>
        <numerusform>どのクラスでもない写真: %n 枚</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="276" />
      <source>Found:</source>
      <translation>見つかった写真:</translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/train.py" line="280" />
      <source>Training “{name}” on %n photo(s)</source>
      <translation>
        <numerusform>「{name}」を %n 枚の写真で学習しています</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="283" />
      <source>Reading the photos…</source>
      <translation>写真を読んでいます…</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="292" />
      <source>Fitting the model and measuring it (cross-validation)…</source>
      <translation>モデルを学習し、交差検証で測定しています…</translation>
    </message>
    <message>
      <location filename="../dialogs/train.py" line="297" />
      <source>Reading the photos: {done} of {total} · {rate} photos/s · {eta} left</source>
      <translation>写真を読んでいます: {total} 枚中 {done} 枚 · {rate} 枚/秒 · 残り {eta}</translation>
    </message>
  </context>
  <context>
    <name>TrainResult</name>
    <message>
      <location filename="../dialogs/train_result.py" line="118" />
      <source>Photos</source>
      <translation>枚数</translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="118" />
      <source>Sorted right</source>
      <translation>正しく仕分け</translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="118" />
      <source>Wrong folder</source>
      <translation>違うフォルダー</translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="118" />
      <source>Left in place</source>
      <translation>元の場所に残る</translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="120" />
      <source>{folder} (neither)</source>
      <translation>{folder}（どちらでもない）</translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/train_result.py" line="158" />
      <source>“{name}”: trained on %n photo(s) in {time} ({counts}).</source>
      <translation>
        <numerusform>「{name}」: %n 枚の写真で学習しました（{time}、{counts}）。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/train_result.py" line="164" />
      <source>%n photo(s) could not be read and were left out.</source>
      <translation>
        <numerusform>%n 枚の写真は読めなかったため除きました。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="168" />
      <source>How often it is right (the recipe's figures)</source>
      <translation>正解率（レシピどおりの指標）</translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="172" />
      <source>acc: on the two thirds it was fitted on</source>
      <translation>acc: 学習に使った 3 分の 2 での正解率</translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="173" />
      <source>val_acc: on the third held out</source>
      <translation>val_acc: 学習から外した 3 分の 1 での正解率</translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/train_result.py" line="176" />
      <source>Cross-validation, %n fold(s): mean ± spread</source>
      <translation>
        <numerusform>交差検証（%n 分割）: 平均 ± ばらつき</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="188" />
      <source>each fold: {scores}</source>
      <translation>各分割: {scores}</translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="194" />
      <source>Confusion matrix (the held-out third)</source>
      <translation>混同行列（学習から外した 3 分の 1）</translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="195" />
      <source>Rows: the folder a photo came from. Columns: the model's label.</source>
      <translation>行: 写真が入っていたフォルダー。列: モデルのラベル。</translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="201" />
      <source>Sorting photos from sources it never saw</source>
      <translation>学習で見ていない入手元の写真を仕分けると</translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="204" />
      <source>Each source (the file-name part before the first “_”) held out in turn, at the review threshold {threshold}: {right} of the class photos sorted right, {wrong} in a wrong folder; {neither} of the photos of neither class sorted into a class folder.</source>
      <translation>入手元（ファイル名の最初の「_」より前の部分）ごとに順に学習から外し、確認のしきい値 {threshold} で測定: クラスの写真のうち {right} が正しく仕分けられ、{wrong} 枚が違うフォルダーへ。どのクラスでもない写真のうち {neither} がクラスのフォルダーへ仕分けられました。</translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="219" />
      <source>The features, first two principal components (PCA)</source>
      <translation>特徴量の第 1・第 2 主成分（主成分分析）</translation>
    </message>
    <message>
      <location filename="../dialogs/train_result.py" line="229" />
      <source>The plot could not be drawn.</source>
      <translation>図を描けませんでした。</translation>
    </message>
  </context>
  <context>
    <name>Controller</name>
    <message>
      <location filename="../flows/classify.py" line="45" />
      <source>Choose a folder of photos</source>
      <translation>写真のフォルダーを選ぶ</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="52" />
      <source>Wait for the current job to finish (or stop it) first.</source>
      <translation>今の処理が終わるまで待つか、止めてからにしてください。</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="69" />
      <source>Your labels could not be kept</source>
      <translation>ラベルを保存できませんでした</translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="70" />
      <source>%n label(s) could not be kept in your teaching set.</source>
      <translation>
        <numerusform>%n 件のラベルを学習用データに保存できませんでした。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="71" />
      <source>They are lost if you {doing} now. Apply first to keep them.</source>
      <translation>今{doing}と、ラベルは失われます。残すには先に実行してください。</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="72" />
      <source>Discard my labels</source>
      <translation>ラベルを破棄する</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="73" />
      <source>Keep them</source>
      <translation>残す</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="88" />
      <source>classify again</source>
      <translation>もう一度分類する</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="106" />
      <source>Looking for photos and loading the model (the first start can take a while)…</source>
      <translation>写真を探し、モデルを読み込んでいます（初回は時間がかかることがあります）…</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="107" />
      <source>Looking for photos…</source>
      <translation>写真を探しています…</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="108" />
      <source>looking for photos</source>
      <translation>写真を検索中</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="123" />
      <source>You may look at these photos and classify them, but &lt;b&gt;this folder is read-only for you&lt;/b&gt;, so they cannot be moved, copied or tagged here. Copy the folder to a place you can change, or ask its owner for write access.</source>
      <translation>写真の表示と分類はできますが、&lt;b&gt;このフォルダーはあなたには読み取り専用&lt;/b&gt;のため、ここで移動・コピー・タグ付けはできません。変更できる場所にフォルダーをコピーするか、所有者に書き込み権限を依頼してください。</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="132" />
      <source>An earlier sort of this folder was interrupted. Apply finishes it first; Undo reverses it.</source>
      <translation>このフォルダーの前回の仕分けが中断されています。「実行」で先にそれを完了し、「元に戻す」で取り消します。</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="135" />
      <source>Choose “With subfolders” to look deeper.</source>
      <translation>さらに奥を探すには「サブフォルダーも含める」を選んでください。</translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="137" />
      <source>(%n already sorted into class folders.)</source>
      <translation>
        <numerusform>（%n 枚は分類フォルダーに仕分け済みです）</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="138" />
      <source>No photos to sort in {folder}.</source>
      <translation>{folder} には仕分ける写真がありません。</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="139" />
      <source>No photos found.</source>
      <translation>写真が見つかりません。</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="140" />
      <source>no photos</source>
      <translation>写真なし</translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="143" />
      <source>Classifying %n photo(s): loading the model (the first start can take a while)…</source>
      <translation>
        <numerusform>%n 枚の写真を分類します：モデルを読み込んでいます（初回は時間がかかることがあります）…</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="147" />
      <source>Classifying %n photo(s)…</source>
      <translation>
        <numerusform>%n 枚を分類しています…</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="156" />
      <source>Starting…</source>
      <translation>開始しています…</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="171" />
      <source>Downloading the VGG16 weights (58.9 MB, once)…</source>
      <translation>VGG16 の重みをダウンロードしています（58.9 MB、初回のみ）…</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="172" />
      <source>Preparing the model for this computer (once; this can take half a minute)…</source>
      <translation>このコンピューター用にモデルを準備しています（初回のみ。30 秒ほどかかることがあります）…</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="174" />
      <source>Loading the VGG16 model (a few seconds the first time)…</source>
      <translation>VGG16 モデルを読み込んでいます（初回は数秒かかります）…</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="191" />
      <source>{rate} photos/s · {eta} left</source>
      <translation>{rate} 枚/秒 · 残り {eta}</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="193" />
      <source>classifying {done}/{total}</source>
      <translation>分類中 {done}/{total}</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="212" />
      <source>Stopping after this batch…</source>
      <translation>このバッチの後で止めます…</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="227" />
      <source>Still classifying</source>
      <translation>まだ分類中です</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="228" />
      <source>The window is still classifying this folder ({done} of {total} photos).</source>
      <translation>このフォルダーをまだ分類しています（{total} 枚中 {done} 枚）。</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="231" />
      <source>Closing stops it after the current batch. No photo has been moved, copied or tagged.</source>
      <translation>閉じると、今のバッチの後で分類を止めます。写真の移動・コピー・タグ付けはまだ何もしていません。</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="232" />
      <source>Stop and close</source>
      <translation>止めて閉じる</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="232" />
      <source>Cancel</source>
      <translation>キャンセル</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="242" />
      <source>Stopped: {done} of {total} photos classified. Apply acts on those.</source>
      <translation>停止: {total} 枚中 {done} 枚を分類しました。「実行」はそれらが対象です。</translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="247" />
      <source>Classified %n photo(s).</source>
      <translation>
        <numerusform>%n 枚を分類しました。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="248" />
      <source>%n photo(s) classified</source>
      <translation>
        <numerusform>%n 枚を分類済み</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="264" />
      <source>Opening {folder}…</source>
      <translation>{folder} を開いています…</translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="280" />
      <source>&lt;b&gt;%n photo(s)&lt;/b&gt; are below the confidence threshold. Review them, or press &lt;b&gt;{apply}&lt;/b&gt; ({keys}) to sort the others and leave these where they are.</source>
      <translation>
        <numerusform>&lt;b&gt;%n 枚&lt;/b&gt;は確信度がしきい値未満です。確認するか、&lt;b&gt;{apply}&lt;/b&gt;（{keys}）で残りを仕分けてください。これらは元の場所に残ります。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="285" />
      <source>Review now</source>
      <translation>今すぐ確認</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="290" />
      <source>Every photo is reviewed or above the threshold: apply when ready.</source>
      <translation>すべての写真が確認済みか、しきい値以上です。準備ができたら適用してください。</translation>
    </message>
    <message>
      <location filename="../flows/classify.py" line="299" />
      <source>Nothing to review.</source>
      <translation>確認する写真はありません。</translation>
    </message>
    <message>
      <location filename="../flows/disk.py" line="52" />
      <source>Checking the photos…</source>
      <translation>写真を確認しています…</translation>
    </message>
    <message>
      <location filename="../flows/disk.py" line="89" />
      <source>{done} of {total} photos done</source>
      <translation>{total} 枚中 {done} 枚完了</translation>
    </message>
    <message>
      <location filename="../flows/disk.py" line="106" />
      <source>Undo</source>
      <translation>元に戻す</translation>
    </message>
    <message>
      <location filename="../flows/disk.py" line="107" />
      <source>applied</source>
      <translation>実行済み</translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/disk.py" line="116" />
      <source>%n photo(s) go back to where they were.</source>
      <translation>
        <numerusform>%n 枚の写真が元の場所に戻ります。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../flows/disk.py" line="121" />
      <source>The photos of the last run go back to where they were.</source>
      <translation>前回の実行の写真が元の場所に戻ります。</translation>
    </message>
    <message>
      <location filename="../flows/disk.py" line="126" />
      <source>Undo the last run in {folder}?</source>
      <translation>{folder} での前回の実行を元に戻しますか？</translation>
    </message>
    <message>
      <location filename="../flows/disk.py" line="131" />
      <source>Undoing the last run…</source>
      <translation>前回の実行を元に戻しています…</translation>
    </message>
    <message>
      <location filename="../flows/disk.py" line="141" />
      <source>Nothing to undo in this folder.</source>
      <translation>このフォルダーには元に戻すものがありません。</translation>
    </message>
    <message>
      <location filename="../flows/disk.py" line="149" />
      <source>undone</source>
      <translation>元に戻しました</translation>
    </message>
    <message>
      <location filename="../flows/disk.py" line="161" />
      <source>Export the report</source>
      <translation>レポートを書き出す</translation>
    </message>
    <message>
      <location filename="../flows/disk.py" line="161" />
      <source>CSV files (*.csv)</source>
      <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
      <location filename="../flows/disk.py" line="172" />
      <source>Writing the report…</source>
      <translation>レポートを書き出しています…</translation>
    </message>
    <message>
      <location filename="../flows/disk.py" line="185" />
      <source>Report written to {file}.</source>
      <translation>レポートを {file} に書き出しました。</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="45" />
      <source>Could not open the folder.</source>
      <translation>フォルダーを開けませんでした。</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="46" />
      <source>Could not classify the photos.</source>
      <translation>写真を分類できませんでした。</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="47" />
      <source>Could not prepare the plan.</source>
      <translation>仕分けの計画を作れませんでした。</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="48" />
      <source>Could not apply.</source>
      <translation>実行できませんでした。</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="49" />
      <source>Could not undo.</source>
      <translation>元に戻せませんでした。</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="50" />
      <source>Could not write the report.</source>
      <translation>レポートを書き出せませんでした。</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="51" />
      <source>The model was not taught.</source>
      <translation>モデルに学習させませんでした。</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="52" />
      <source>Could not switch to the taught model.</source>
      <translation>学習したモデルに切り替えられませんでした。</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="53" />
      <source>Could not switch models.</source>
      <translation>モデルを切り替えられませんでした。</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="54" />
      <source>Could not train a model.</source>
      <translation>モデルを学習できませんでした。</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="55" />
      <source>Could not switch to the trained model.</source>
      <translation>学習したモデルに切り替えられませんでした。</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="56" />
      <source>Could not choose the photos to label first.</source>
      <translation>先にラベルを付ける写真を選べませんでした。</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="64" />
      <source>{n} → {title}</source>
      <translation>{n} → {title}</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="67" />
      <source>{verb}: {classes}</source>
      <translation>{verb}: {classes}</translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="69" />
      <source>%n stay for review</source>
      <translation>
        <numerusform>%n 枚は確認待ちで残る</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="70" />
      <source>%n stay: neither</source>
      <translation>
        <numerusform>%n 枚はどちらでもないので残る</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="71" />
      <source>%n stay: your “leave here”</source>
      <translation>
        <numerusform>%n 枚は「ここに残す」で残る</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="72" />
      <source>%n already sorted</source>
      <translation>
        <numerusform>%n 枚は仕分け済み</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="73" />
      <source>%n error(s)</source>
      <translation>
        <numerusform>エラー %n</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="77" />
      <source>%n photo(s) in all</source>
      <translation>
        <numerusform>全部で %n 枚</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="98" />
      <source>Your labels could not be kept for later.</source>
      <translation>ラベルを保存できませんでした（次回に引き継げません）。</translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="170" />
      <source>Stopped after %n photo(s).</source>
      <translation>
        <numerusform>%n 枚で止まりました。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="188" />
      <source>Model: {name}</source>
      <translation>モデル: {name}</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="189" />
      <source>The model that labels the photos; choose another in the Model menu</source>
      <translation>写真にラベルを付けるモデルです。「モデル」メニューで別のモデルを選べます</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="199" />
      <source>&amp;Review uncertain ({n})</source>
      <translation>不確かな写真を確認 ({n})(&amp;R)</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="215" />
      <source>&amp;Classify again</source>
      <translation>もう一度分類(&amp;C)</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="215" />
      <source>&amp;Classify</source>
      <translation>分類(&amp;C)</translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="220" />
      <source>Label &amp;these %n first</source>
      <translation>
        <numerusform>まずこの %n 枚にラベルを付ける(&amp;T)</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="224" />
      <source>Show what will happen, then do it (can be undone)</source>
      <translation>何が起きるかを表示してから実行します（元に戻せます）</translation>
    </message>
    <message>
      <location filename="../window/controller.py" line="226" />
      <source>This folder is read-only for you: nothing can be sorted here</source>
      <translation>このフォルダーはあなたには読み取り専用です。ここでは仕分けできません</translation>
    </message>
  </context>
  <context>
    <name>LabelFlow</name>
    <message>
      <location filename="../flows/labels.py" line="46" />
      <source>&amp;Undo last run…</source>
      <translation>前回の実行を元に戻す(&amp;U)…</translation>
    </message>
    <message>
      <location filename="../flows/labels.py" line="46" />
      <source>Put the photos of the last run back where they were</source>
      <translation>前回の実行の写真を元の場所に戻します</translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/labels.py" line="48" />
      <source>&amp;Undo labelling %n photo(s)</source>
      <translation>
        <numerusform>%n 枚のラベル付けを元に戻す(&amp;U)</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../flows/labels.py" line="49" />
      <source>Give these photos back the labels they had (the labels are not applied yet)</source>
      <translation>これらの写真のラベルを前の状態に戻します（ラベルはまだ適用されていません）</translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/labels.py" line="58" />
      <source>Labelling of %n photo(s) undone.</source>
      <translation>
        <numerusform>%n 枚のラベル付けを元に戻しました。</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ModelJobs</name>
    <message>
      <location filename="../flows/models.py" line="55" />
      <source>Keeping your labels…</source>
      <translation>ラベルを保存しています…</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="63" />
      <source>Teaching the model from your labels…</source>
      <translation>あなたのラベルからモデルに学習させています…</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="75" />
      <source>The current model stays; your labels are kept for the next time you teach it.</source>
      <translation>今のモデルのままです。ラベルは次に学習させるときのために保存されています。</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="84" />
      <source>Saving the new model…</source>
      <translation>新しいモデルを保存しています…</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="99" />
      <source>Loading the model {name}…</source>
      <translation>モデル {name} を読み込んでいます…</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="112" />
      <source>Now using the model {name}.</source>
      <translation>モデル {name} を使用中です。</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="122" />
      <source>Switch back</source>
      <translation>元のモデルに戻す</translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/models.py" line="138" />
      <source>Now using the model {name}: %n photo(s) got another label from it.</source>
      <translation>
        <numerusform>モデル {name} を使用中です。このモデルで %n 枚の写真のラベルが変わりました。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/models.py" line="141" />
      <source>%n photo(s) are below the threshold: review them.</source>
      <translation>
        <numerusform>%n 枚がしきい値未満です。確認してください。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="203" />
      <source>Stopped: no model was made.</source>
      <translation>停止しました。モデルは作成されていません。</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="242" />
      <source>Training failed: no model.</source>
      <translation>学習に失敗しました。モデルは作成されていません。</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="262" />
      <source>Your labels could not be kept</source>
      <translation>ラベルを保存できませんでした</translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/models.py" line="263" />
      <source>%n label(s) could not be kept in your teaching set.</source>
      <translation>
        <numerusform>%n 件のラベルを学習用データに保存できませんでした。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="264" />
      <source>They are lost if you close the window now. Apply first to sort those photos by them.</source>
      <translation>今ウィンドウを閉じると失われます。そのラベルで写真を仕分けるには、先に実行してください。</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="265" />
      <source>Discard my labels</source>
      <translation>ラベルを破棄する</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="266" />
      <source>Keep them</source>
      <translation>残す</translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/models.py" line="271" />
      <source>%n labelled photo(s) are not sorted yet (Apply sorts them).</source>
      <translation>
        <numerusform>ラベルを付けた写真 %n 枚はまだ仕分けていません（「実行」で仕分けます）。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/models.py" line="273" />
      <source>%n photo(s) you chose to leave here stay where they are.</source>
      <translation>
        <numerusform>「ここに残す」とした %n 枚は元の場所に残ります。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/models.py" line="275" />
      <source>%n label(s) you gave are not taught yet.</source>
      <translation>
        <numerusform>付けたラベル %n 件をまだモデルに学習させていません。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="276" />
      <source>Your labels are kept and come back wherever these photos are found again. Teach now to let the model learn from them (it takes a few seconds), or teach later from the Model menu.</source>
      <translation>ラベルは保存されており、これらの写真がどこで見つかっても復元されます。今すぐ学習させるか（数秒で終わります）、あとで「モデル」メニューから学習させてください。</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="280" />
      <source>Teach now…</source>
      <translation>今すぐ学習させる…</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="280" />
      <source>Later</source>
      <translation>あとで</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="280" />
      <source>Cancel</source>
      <translation>キャンセル</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="283" />
      <source>Your labels are kept and come back when you open this folder again.</source>
      <translation>ラベルは保存されており、このフォルダーをもう一度開くと復元されます。</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="284" />
      <source>Close</source>
      <translation>閉じる</translation>
    </message>
    <message>
      <location filename="../flows/models.py" line="286" />
      <source>Before you close</source>
      <translation>閉じる前に</translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="239" />
      <source>Teach the model (%n new label(s))…</source>
      <translation>
        <numerusform>モデルに学習させる（新しいラベル %n 件）…</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>SuggestFlow</name>
    <message>
      <location filename="../flows/suggest.py" line="57" />
      <source>Choosing the photos to label first…</source>
      <translation>先にラベルを付ける写真を選んでいます…</translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/suggest.py" line="72" />
      <source>That was the last of the %n photo(s) you were asked about. Teach the model ({teach}); then {ask} asks about the next ones.</source>
      <translation>
        <numerusform>尋ねた %n 枚はこれで最後です。モデルに教えてから（{teach}）、{ask} で次の写真を尋ねます。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/suggest.py" line="79" />
      <source>Label these %n photo(s) first: they would teach the model most.</source>
      <translation>
        <numerusform>まずこの %n 枚にラベルを付けてください：モデルがいちばん多くを学べる写真です。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../flows/suggest.py" line="82" />
      <source>No photo to suggest: every photo is labelled.</source>
      <translation>勧める写真はありません：すべての写真にラベルが付いています。</translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/suggest.py" line="100" />
      <source>All %n photo(s) you were asked about are labelled. Teach the model ({teach}); then {ask} asks about the next ones, chosen by what it learnt.</source>
      <translation>
        <numerusform>尋ねた %n 枚すべてにラベルが付きました。モデルに教えてから（{teach}）、{ask} を押すと、学んだモデルが次に尋ねる写真を選びます。</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Grid</name>
    <message>
      <location filename="../results/grid.py" line="55" />
      <source>cannot read</source>
      <translation>読めません</translation>
    </message>
    <message>
      <location filename="../results/grid.py" line="59" />
      <source>{label}?</source>
      <translation>{label}？</translation>
    </message>
  </context>
  <context>
    <name>Classes</name>
    <message>
      <location filename="../results/loupe.py" line="44" />
      <source>Neither</source>
      <translation>どちらでもない</translation>
    </message>
    <message>
      <location filename="../words.py" line="28" />
      <source>sakura</source>
      <translation>桜</translation>
    </message>
    <message>
      <location filename="../words.py" line="28" />
      <source>cosmos</source>
      <translation>コスモス</translation>
    </message>
  </context>
  <context>
    <name>Loupe</name>
    <message>
      <location filename="../results/loupe.py" line="63" />
      <source>{kb} KB</source>
      <translation>{kb} KB</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="64" />
      <source>{mb} MB</source>
      <translation>{mb} MB</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="71" />
      <source>{w} × {h} ({mp} MP)</source>
      <translation>{w} × {h}（{mp} MP）</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="113" />
      <source>1 or Z: 100% and back
F or 0: fit
Drag, arrows, wheel: pan, zoom
Page Up / Down (← → at fit): previous, next
Esc: back</source>
      <translation>1 または Z: 100% と全体表示の切り替え
F または 0: 全体表示
ドラッグ、矢印キー、ホイール: 移動、拡大縮小
Page Up / Down（全体表示では ← →）: 前の写真、次の写真
Esc: 戻る</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="127" />
      <source>(top of the folder)</source>
      <translation>（フォルダーの一番上）</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="128" />
      <source>Folder</source>
      <translation>フォルダー</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="131" />
      <source>Taken</source>
      <translation>撮影日時</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="132" />
      <source>Camera</source>
      <translation>カメラ</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="133" />
      <source>Lens</source>
      <translation>レンズ</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="134" />
      <source>Size</source>
      <translation>画素数</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="135" />
      <source>File</source>
      <translation>ファイル</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="146" />
      <source>Model says: {label}</source>
      <translation>モデルの判定: {label}</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="155" />
      <source>The model could not read it: {reason}</source>
      <translation>モデルが読み込めませんでした: {reason}</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="158" />
      <source>none yet</source>
      <translation>まだありません</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="159" />
      <source>Your label: {label}</source>
      <translation>あなたのラベル: {label}</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="252" />
      <source>Opening the photo…</source>
      <translation>写真を開いています…</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="323" />
      <source>Fit ({percent}%)</source>
      <translation>全体表示（{percent}%）</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="325" />
      <source>Zoom {percent}%</source>
      <translation>拡大 {percent}%</translation>
    </message>
    <message>
      <location filename="../results/loupe.py" line="328" />
      <source>loading full resolution…</source>
      <translation>原寸を読み込み中…</translation>
    </message>
  </context>
  <context>
    <name>Results</name>
    <message>
      <location filename="../results/model.py" line="71" />
      <source>Photo</source>
      <translation>写真</translation>
    </message>
    <message>
      <location filename="../results/model.py" line="72" />
      <source>Model says</source>
      <translation>モデルの判定</translation>
    </message>
    <message>
      <location filename="../results/model.py" line="73" />
      <source>Confidence</source>
      <translation>確信度</translation>
    </message>
    <message>
      <location filename="../results/model.py" line="74" />
      <source>Your label</source>
      <translation>あなたのラベル</translation>
    </message>
    <message>
      <location filename="../results/model.py" line="75" />
      <source>Status</source>
      <translation>状態</translation>
    </message>
    <message>
      <location filename="../results/model.py" line="360" />
      <source>moved to {folder}/</source>
      <translation>{folder}/ へ移動済み</translation>
    </message>
    <message>
      <location filename="../results/model.py" line="362" />
      <source>tagged {label}</source>
      <translation>{label} とタグ付け済み</translation>
    </message>
    <message>
      <location filename="../results/model.py" line="363" />
      <source>copied to {folder}/</source>
      <translation>{folder}/ へコピー済み</translation>
    </message>
    <message>
      <location filename="../results/model.py" line="365" />
      <source>error: {error}</source>
      <translation>エラー: {error}</translation>
    </message>
    <message>
      <location filename="../results/model.py" line="369" />
      <source>stays here (your choice)</source>
      <translation>ここに残す（あなたの選択）</translation>
    </message>
    <message>
      <location filename="../results/model.py" line="371" />
      <source>needs review</source>
      <translation>要確認</translation>
    </message>
    <message>
      <location filename="../results/model.py" line="373" />
      <source>stays here (neither)</source>
      <translation>ここに残す（どちらでもない）</translation>
    </message>
    <message>
      <location filename="../results/model.py" line="375" />
      <source>skipped</source>
      <translation>スキップ</translation>
    </message>
    <message>
      <location filename="../results/model.py" line="395" />
      <source>Error: {error}</source>
      <translation>エラー: {error}</translation>
    </message>
    <message>
      <location filename="../words.py" line="42" />
      <source>Neither (leave here)</source>
      <translation>どちらでもない（ここに残す）</translation>
    </message>
  </context>
  <context>
    <name>ReviewView</name>
    <message>
      <location filename="../results/review.py" line="114" />
      <source>Back to the photos  (Esc)</source>
      <translation>写真一覧に戻る  (Esc)</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="119" />
      <source>Loupe: 100%  ({key})</source>
      <translation>ルーペ: 100%  ({key})</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="121" />
      <source>The photo fills the window, at 100% with pan, with its date, camera and scores</source>
      <translation>写真をウィンドウいっぱいに 100% で表示し、ドラッグで動かせます。撮影日時、カメラ、スコアも表示します</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="135" />
      <source>◀ Previous  (←)</source>
      <translation>◀ 前へ  (←)</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="137" />
      <source>Next  (→) ▶</source>
      <translation>次へ  (→) ▶</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="139" />
      <source>Neither: leave here  ({key})</source>
      <translation>どちらでもない: ここに残す  ({key})</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="144" />
      <source>Use the model's label  (⌫)</source>
      <translation>モデルのラベルに戻す  (⌫)</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="208" />
      <source>Keys: {classes}, {neither} neither (leave here), ⌫ the model's label, ← → move, Esc back. Your label wins over the model's when you apply.</source>
      <translation>キー: {classes}、{neither} どちらでもない（ここに残す）、⌫ モデルのラベル、← → 移動、Esc 戻る。実行時はモデルよりあなたのラベルが優先されます。</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="298" />
      <source>Nothing to review.</source>
      <translation>確認する写真はありません。</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="305" />
      <source>Cannot show this photo: {error}</source>
      <translation>この写真を表示できません: {error}</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="305" />
      <source>Loading…</source>
      <translation>読み込み中…</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="321" />
      <source>That was the last of {n} photos. Esc goes back to the photos; then apply.</source>
      <translation>{n} 枚のうち最後の写真でした。Esc で一覧に戻り、実行してください。</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="331" />
      <source>Photo {i} of {n}</source>
      <translation>{n} 枚中 {i} 枚目</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="339" />
      <source>Cannot be classified: {error}</source>
      <translation>分類できません: {error}</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="344" />
      <source>Model: &lt;b&gt;{label}&lt;/b&gt; ({scores})</source>
      <translation>モデル: &lt;b&gt;{label}&lt;/b&gt;（{scores}）</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="348" />
      <source>Already applied: {status}</source>
      <translation>実行済み: {status}</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="350" />
      <source>Your label: &lt;b&gt;{label}&lt;/b&gt;</source>
      <translation>あなたのラベル: &lt;b&gt;{label}&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="353" />
      <source>Needs review (below {threshold:.1f} %)</source>
      <translation>要確認（{threshold:.1f} % 未満）</translation>
    </message>
    <message>
      <location filename="../results/review.py" line="356" />
      <source>Your label: none yet (the model's label will be used)</source>
      <translation>あなたのラベル: なし（モデルのラベルを使います）</translation>
    </message>
  </context>
  <context>
    <name>Banner</name>
    <message>
      <location filename="../widgets.py" line="63" />
      <source>Dismiss</source>
      <translation>閉じる</translation>
    </message>
  </context>
  <context>
    <name>EmptyPage</name>
    <message>
      <location filename="../widgets.py" line="110" />
      <source>Choose a folder…</source>
      <translation>フォルダーを選ぶ…</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="137" />
      <source>Drop a folder of photos here</source>
      <translation>写真のフォルダーをここにドロップ</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="139" />
      <source>The photos are classified first; nothing on disk changes until you apply. Photos the model is unsure of are set aside for you to review, and photos of neither class stay where they are.</source>
      <translation>まず写真を分類します。「実行」するまでディスク上は何も変わりません。モデルが判断に迷った写真は確認用に取り分けられ、どちらでもない写真は元の場所に残ります。</translation>
    </message>
  </context>
  <context>
    <name>FilterBar</name>
    <message>
      <location filename="../widgets.py" line="161" />
      <source>Show:</source>
      <translation>表示:</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="172" />
      <source>All</source>
      <translation>すべて</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="175" />
      <source>Needs review</source>
      <translation>要確認</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="176" />
      <source>Errors</source>
      <translation>エラー</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="178" />
      <source>Photos that go into {folder}/ on Apply</source>
      <translation>実行すると {folder}/ へ入る写真</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="179" />
      <source>Photos that stay here: neither class, or your “leave here”</source>
      <translation>元の場所に残る写真: どちらのクラスでもないもの、またはあなたが「ここに残す」としたもの</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="180" />
      <source>Photos below the threshold: they stay here until you label them</source>
      <translation>しきい値未満の写真: ラベルを付けるまで元の場所に残ります</translation>
    </message>
    <message>
      <location filename="../widgets.py" line="185" />
      <source>(no photo is counted twice)</source>
      <translation>（同じ写真を二度数えることはありません）</translation>
    </message>
  </context>
  <context>
    <name>WindowLayout</name>
    <message>
      <location filename="../window/layout.py" line="108" />
      <source>Photos the model is less sure about than this are set aside for you to review (changing it does not run the model again).</source>
      <translation>モデルの確信度がこれより低い写真は、確認用に取り分けられます（変更してもモデルは再実行されません）。</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="113" />
      <source>Lowest value: the model's own thresholds per class ({thresholds}), as the command line uses them.</source>
      <translation>最小値: モデル自身のクラスごとのしきい値（{thresholds}）。コマンドラインと同じです。</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="117" />
      <source>Lowest value: the model's own thresholds per class, as the command line uses them.</source>
      <translation>最小値: モデル自身のクラスごとのしきい値。コマンドラインと同じです。</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="137" />
      <source>No folder chosen</source>
      <translation>フォルダーが選ばれていません</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="145" />
      <source>Move into subfolders</source>
      <translation>サブフォルダーへ移動</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="146" />
      <source>Copy into subfolders</source>
      <translation>サブフォルダーへコピー</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="147" />
      <source>Tag (XMP sidecar)</source>
      <translation>タグ付け（XMP サイドカー）</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="150" />
      <source>What Apply does with each photo</source>
      <translation>「実行」で各写真をどうするか</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="159" />
      <source>The model's</source>
      <translation>モデルの値</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="165" />
      <source>This folder only</source>
      <translation>このフォルダーのみ</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="166" />
      <source>With subfolders, each sorted in place</source>
      <translation>サブフォルダーも含める（それぞれの中で仕分け）</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="167" />
      <source>With subfolders, gathered at the top</source>
      <translation>サブフォルダーも含める（最上位にまとめる）</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="171" />
      <source>Each sorted in place: 2024/IMG_1.jpg goes to 2024/sakura/. Gathered: it goes to the top folder's sakura/, as 'sort --recursive' does.</source>
      <translation>それぞれの中で仕分け: 2024/IMG_1.jpg は 2024/sakura/ へ。まとめる: 'sort --recursive' と同じく最上位フォルダーの sakura/ へ。</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="181" />
      <source>Folder:</source>
      <translation>フォルダー:</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="187" />
      <source>Review below:</source>
      <translation>確認するしきい値:</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="229" />
      <source>Large preview</source>
      <translation>大きく表示</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="290" />
      <source>Choose or drop a folder to begin.</source>
      <translation>フォルダーを選ぶかドロップして始めてください。</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="307" />
      <source>Select photos (Ctrl or Shift + click, Ctrl+A) and press a label key to label them all: {keys}. Space or Enter shows them large.</source>
      <translation>写真を選び（Ctrl／Shift + クリック、Ctrl+A）、ラベルのキーを押すと選んだ写真すべてにラベルが付きます: {keys}。Space か Enter で大きく表示。</translation>
    </message>
    <message>
      <location filename="../window/layout.py" line="381" />
      <source>Choose “With subfolders” to include them.</source>
      <translation>含めるには「サブフォルダーも含める」を選んでください。</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../window/main_window.py" line="135" />
      <source>Last folder: {folder}. Press F5 (Classify) to look at it again.</source>
      <translation>前回のフォルダー: {folder}。F5（分類）でもう一度見られます。</translation>
    </message>
    <message>
      <location filename="../window/main_window.py" line="198" />
      <source>the model's label</source>
      <translation>モデルのラベル</translation>
    </message>
    <message numerus="yes">
      <location filename="../window/main_window.py" line="199" />
      <source>%n photo(s) labelled: {label}.</source>
      <translation>
        <numerusform>%n 枚にラベルを付けました: {label}</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../window/main_window.py" line="215" />
      <source>No app of this desktop opens these photos.</source>
      <translation>このデスクトップには、これらの写真を開くアプリがありません。</translation>
    </message>
    <message numerus="yes">
      <location filename="../window/main_window.py" line="224" />
      <source>%n path(s) copied.</source>
      <translation>
        <numerusform>%n 件のパスをコピーしました。</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>WindowMenus</name>
    <message>
      <location filename="../window/menus.py" line="83" />
      <source>&amp;Open folder…</source>
      <translation>フォルダーを開く(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="84" />
      <source>Choose a folder of photos (you can also drop one on the window)</source>
      <translation>写真のフォルダーを選びます（ウィンドウにドロップすることもできます）</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="87" />
      <source>&amp;Export report…</source>
      <translation>レポートを書き出す(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="88" />
      <source>Save a CSV report: the same as 'sakura-sorter sort --report'</source>
      <translation>CSV レポートを保存します（'sakura-sorter sort --report' と同じ内容）</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="90" />
      <source>&amp;Quit</source>
      <translation>終了(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="92" />
      <source>&amp;Classify</source>
      <translation>分類(&amp;C)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="93" />
      <source>Classify the photos of the folder (no file is changed)</source>
      <translation>フォルダーの写真を分類します（ファイルは変更しません）</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="96" />
      <source>&amp;Stop</source>
      <translation>停止(&amp;S)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="97" />
      <source>Stop after the current batch; the photos done so far stay listed</source>
      <translation>今のバッチの後で止めます。それまでの写真は一覧に残ります</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="100" />
      <source>&amp;Apply…</source>
      <translation>実行(&amp;A)…</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="101" />
      <source>Show what will happen, then do it (can be undone)</source>
      <translation>何が起きるかを表示してから実行します（元に戻せます）</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="104" />
      <source>&amp;Undo last run…</source>
      <translation>前回の実行を元に戻す(&amp;U)…</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="105" />
      <source>Put the photos of the last run back where they were</source>
      <translation>前回の実行の写真を元の場所に戻します</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="108" />
      <source>&amp;Review uncertain</source>
      <translation>不確かな写真を確認(&amp;R)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="109" />
      <source>Look at the photos below the threshold one at a time, large</source>
      <translation>しきい値未満の写真を 1 枚ずつ大きく表示します</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="112" />
      <source>Label &amp;these first</source>
      <translation>先にラベルを付ける写真(&amp;T)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="113" />
      <source>The photos whose labels would teach the model most, one at a time ('sakura-sorter suggest')</source>
      <translation>ラベルを付けるとモデルがいちばん多くを学べる写真を、1 枚ずつ表示します（'sakura-sorter suggest' と同じ）</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="116" />
      <source>Large &amp;preview</source>
      <translation>大きく表示(&amp;P)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="117" />
      <source>Show the selected photos large, one at a time (Enter or double-click too)</source>
      <translation>選んだ写真を 1 枚ずつ大きく表示します（Enter やダブルクリックでも）</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="120" />
      <source>&amp;Grid of thumbnails</source>
      <translation>サムネイルのグリッド(&amp;G)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="121" />
      <source>&amp;List with details</source>
      <translation>詳細つきの一覧(&amp;L)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="123" />
      <source>S&amp;maller thumbnails</source>
      <translation>サムネイルを小さく(&amp;M)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="126" />
      <source>La&amp;rger thumbnails</source>
      <translation>サムネイルを大きく(&amp;R)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="137" />
      <source>&amp;Neither: leave here</source>
      <translation>どちらでもない: ここに残す(&amp;N)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="138" />
      <source>The photo belongs to no class: it stays where it is</source>
      <translation>どの分類にも当たらない写真です。元の場所に残ります</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="141" />
      <source>Use the &amp;model's label</source>
      <translation>モデルのラベルに戻す(&amp;M)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="145" />
      <source>Open in &amp;viewer</source>
      <translation>ビューアーで開く(&amp;V)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="146" />
      <source>Open the selected photos in the app your desktop opens photos with</source>
      <translation>選んだ写真を、デスクトップで写真を開くアプリで開きます</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="149" />
      <source>Show in f&amp;older</source>
      <translation>フォルダーで表示(&amp;O)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="150" />
      <source>Show the selected photos in the file manager</source>
      <translation>選んだ写真をファイルマネージャーで表示します</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="153" />
      <source>Copy &amp;path</source>
      <translation>パスをコピー(&amp;P)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="154" />
      <source>Copy where the selected photos are, one per line</source>
      <translation>選んだ写真の場所を、1行に1つずつコピーします</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="158" />
      <source>&amp;About Sakura Sorter</source>
      <translation>Sakura Sorter について(&amp;A)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="164" />
      <source>&amp;File</source>
      <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="168" />
      <source>&amp;Sort</source>
      <translation>仕分け(&amp;S)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="172" />
      <source>&amp;Label</source>
      <translation>ラベル(&amp;L)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="173" />
      <source>&amp;View</source>
      <translation>表示(&amp;V)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="174" />
      <source>&amp;Show</source>
      <translation>絞り込み(&amp;S)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="179" />
      <source>&amp;Model</source>
      <translation>モデル(&amp;M)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="181" />
      <source>&amp;Help</source>
      <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
      <location filename="../window/menus.py" line="195" />
      <source>Label the selected photos {label}</source>
      <translation>選んだ写真に「{label}」のラベルを付けます</translation>
    </message>
  </context>
  <context>
    <name>ModelMenu</name>
    <message>
      <location filename="../window/model_menu.py" line="33" />
      <source>cannot be read</source>
      <translation>読み込めません</translation>
    </message>
    <message>
      <location filename="../window/model_menu.py" line="36" />
      <source>taught from {model}</source>
      <translation>{model} から学習</translation>
    </message>
    <message>
      <location filename="../window/model_menu.py" line="38" />
      <source>comes with Sakura Sorter</source>
      <translation>Sakura Sorter 付属</translation>
    </message>
    <message>
      <location filename="../window/model_menu.py" line="40" />
      <source>trained</source>
      <translation>フォルダーから学習</translation>
    </message>
    <message>
      <location filename="../window/model_menu.py" line="50" />
      <source>Trained on: {counts}</source>
      <translation>学習に使った写真: {counts}</translation>
    </message>
    <message numerus="yes">
      <location filename="../window/model_menu.py" line="52" />
      <source>%n of them are your labels</source>
      <translation>
        <numerusform>うち %n 枚はあなたのラベル</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../window/model_menu.py" line="71" />
      <source>&amp;Teach the model from my labels…</source>
      <translation>自分のラベルからモデルに学習させる(&amp;T)…</translation>
    </message>
    <message>
      <location filename="../window/model_menu.py" line="72" />
      <source>Fit a new model on the model's own training photos plus every label you gave, and compare it with the current one before switching</source>
      <translation>モデル自身の学習用写真と、あなたが付けたすべてのラベルで新しいモデルを作り、切り替える前に今のモデルと比べます</translation>
    </message>
    <message>
      <location filename="../window/model_menu.py" line="76" />
      <source>T&amp;rain a model from labelled folders…</source>
      <translation>ラベル付きフォルダーからモデルを学習(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../window/model_menu.py" line="77" />
      <source>One subfolder of photos per class, and optionally a subfolder 'other' of photos of neither class</source>
      <translation>クラスごとに写真のサブフォルダーを 1 つ。どのクラスでもない写真はサブフォルダー 'other' に（任意）</translation>
    </message>
    <message>
      <location filename="../window/model_menu.py" line="80" />
      <source>Reset to the &amp;bundled model</source>
      <translation>標準モデルに戻す(&amp;B)</translation>
    </message>
    <message>
      <location filename="../window/model_menu.py" line="81" />
      <source>Go back to the model that comes with Sakura Sorter (your models and labels are kept)</source>
      <translation>Sakura Sorter 付属のモデルに戻します（あなたのモデルとラベルは残ります）</translation>
    </message>
    <message>
      <location filename="../window/model_menu.py" line="84" />
      <source>Models (choose one to switch):</source>
      <translation>モデル（選ぶと切り替わります）:</translation>
    </message>
    <message>
      <location filename="../window/model_menu.py" line="101" />
      <source>Active model: {name}</source>
      <translation>使用中のモデル: {name}</translation>
    </message>
    <message>
      <location filename="../window/model_menu.py" line="101" />
      <source>Loading the model…</source>
      <translation>モデルを読み込んでいます…</translation>
    </message>
    <message>
      <location filename="../words.py" line="47" />
      <source>bundled</source>
      <translation>標準</translation>
    </message>
  </context>
  <context>
    <name>ResultsViews</name>
    <message>
      <location filename="../window/views.py" line="76" />
      <source>Every photo could be read: nothing to fix here.</source>
      <translation>読めない写真はありません。直すものはありません。</translation>
    </message>
    <message>
      <location filename="../window/views.py" line="78" />
      <source>No photo needs review at this threshold.</source>
      <translation>このしきい値で確認が必要な写真はありません。</translation>
    </message>
    <message>
      <location filename="../window/views.py" line="80" />
      <source>No photo in “{filter}”. Choose All to see every photo.</source>
      <translation>「{filter}」の写真はありません。すべての写真は「すべて」で表示されます。</translation>
    </message>
  </context>
  <context>
    <name>Words</name>
    <message numerus="yes">
      <location filename="../words.py" line="94" />
      <source>, and %n more subfolder(s)</source>
      <translation>
        <numerusform>、ほか %n 個のサブフォルダー</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../words.py" line="95" />
      <source>%n photo(s) in subfolders are left out: {where}.</source>
      <translation>
        <numerusform>サブフォルダーの %n 枚は対象外です: {where}。</numerusform>
      </translation>
    </message>
  </context>
</TS>
