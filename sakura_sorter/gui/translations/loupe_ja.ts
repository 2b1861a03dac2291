<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
  <context>
    <name>Loupe</name>
    <message>
      <location filename="../loupe.py" line="62" />
      <source>{kb} KB</source>
      <translation>{kb} KB</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="63" />
      <source>{mb} MB</source>
      <translation>{mb} MB</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="70" />
      <source>{w} × {h} ({mp} MP)</source>
      <translation>{w} × {h}（{mp} MP）</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="112" />
      <source>1 or Z: 100% and back
F or 0: fit
Drag, arrows, wheel: pan, zoom
← →: previous, next
Esc: back</source>
      <translation>1 または Z: 100% と全体表示の切り替え
F または 0: 全体表示
ドラッグ、矢印キー、ホイール: 移動、拡大縮小
← →: 前の写真、次の写真
Esc: 戻る</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="125" />
      <source>(top of the folder)</source>
      <translation>（フォルダーの一番上）</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="126" />
      <source>Folder</source>
      <translation>フォルダー</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="129" />
      <source>Taken</source>
      <translation>撮影日時</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="130" />
      <source>Camera</source>
      <translation>カメラ</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="131" />
      <source>Lens</source>
      <translation>レンズ</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="132" />
      <source>Size</source>
      <translation>画素数</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="133" />
      <source>File</source>
      <translation>ファイル</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="144" />
      <source>Model says: {label}</source>
      <translation>モデルの判定: {label}</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="153" />
      <source>The model could not read it: {reason}</source>
      <translation>モデルが読み込めませんでした: {reason}</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="156" />
      <source>none yet</source>
      <translation>まだありません</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="157" />
      <source>Your label: {label}</source>
      <translation>あなたのラベル: {label}</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="250" />
      <source>Opening the photo…</source>
      <translation>写真を開いています…</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="320" />
      <source>Fit ({percent}%)</source>
      <translation>全体表示（{percent}%）</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="322" />
      <source>Zoom {percent}%</source>
      <translation>拡大 {percent}%</translation>
    </message>
    <message>
      <location filename="../loupe.py" line="324" />
      <source>loading full resolution…</source>
      <translation>原寸を読み込み中…</translation>
    </message>
  </context>
</TS>
