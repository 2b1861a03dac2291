<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
  <context>
    <name>Apply</name>
    <message numerus="yes">
      <location filename="../dialogs/apply.py" line="42" />
      <source>%n photo(s) in subfolders ({names}) go into class folders inside their own subfolder, for example {example}; the subfolders keep their place.</source>
      <translation>
        <numerusform>%n photo in subfolders ({names}) goes into class folders inside their own subfolder, for example {example}; the subfolders keep their place.</numerusform>
        <numerusform>%n photos in subfolders ({names}) go into class folders inside their own subfolder, for example {example}; the subfolders keep their place.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/apply.py" line="50" />
      <source>%n photo(s) from subfolders ({names}) are gathered into the class folders at the top, for example {example}; the subfolders stay, emptier.</source>
      <translation>
        <numerusform>%n photo from subfolders ({names}) is gathered into the class folders at the top, for example {example}; the subfolders stay, emptier.</numerusform>
        <numerusform>%n photos from subfolders ({names}) are gathered into the class folders at the top, for example {example}; the subfolders stay, emptier.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/apply.py" line="77" />
      <source>(%n by your label)</source>
      <translation>
        <numerusform>(%n by your label)</numerusform>
        <numerusform>(%n by your label)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/apply.py" line="106" />
      <source>&lt;b&gt;%n photo(s) are no longer where they were when classified&lt;/b&gt; (moved, renamed or deleted outside this window, e.g. {example}). They are left out.</source>
      <translation>
        <numerusform>&lt;b&gt;%n photo is no longer where it was when classified&lt;/b&gt; (moved, renamed or deleted outside this window, e.g. {example}). It is left out.</numerusform>
        <numerusform>&lt;b&gt;%n photos are no longer where they were when classified&lt;/b&gt; (moved, renamed or deleted outside this window, e.g. {example}). They are left out.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/apply.py" line="116" />
      <source>&lt;b&gt;%n photo(s) changed since they were classified&lt;/b&gt; (e.g. {example}); their labels may be out of date.</source>
      <translation>
        <numerusform>&lt;b&gt;%n photo changed since it was classified&lt;/b&gt; (e.g. {example}); its label may be out of date.</numerusform>
        <numerusform>&lt;b&gt;%n photos changed since they were classified&lt;/b&gt; (e.g. {example}); their labels may be out of date.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/apply.py" line="172" />
      <source>Review %n first</source>
      <translation>
        <numerusform>Review %n first</numerusform>
        <numerusform>Review %n first</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../words.py" line="78" />
      <source>{verb} %n photo(s)</source>
      <translation>
        <numerusform>{verb} %n photo</numerusform>
        <numerusform>{verb} %n photos</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Outcome</name>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="22" />
      <source>Moved %n photo(s).</source>
      <translation>
        <numerusform>Moved %n photo.</numerusform>
        <numerusform>Moved %n photos.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="23" />
      <source>Copied %n photo(s).</source>
      <translation>
        <numerusform>Copied %n photo.</numerusform>
        <numerusform>Copied %n photos.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="24" />
      <source>Tagged %n photo(s).</source>
      <translation>
        <numerusform>Tagged %n photo.</numerusform>
        <numerusform>Tagged %n photos.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="38" />
      <source>%n stay here: neither class.</source>
      <translation>
        <numerusform>%n stays here: neither class.</numerusform>
        <numerusform>%n stay here: neither class.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="39" />
      <source>%n stay here: you chose “neither / leave here”.</source>
      <translation>
        <numerusform>%n stays here: you chose “neither / leave here”.</numerusform>
        <numerusform>%n stay here: you chose “neither / leave here”.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="40" />
      <source>%n stay here for review.</source>
      <translation>
        <numerusform>%n stays here for review.</numerusform>
        <numerusform>%n stay here for review.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="47" />
      <source>%n could not be sorted (see the Status column).</source>
      <translation>
        <numerusform>%n could not be sorted (see the Status column).</numerusform>
        <numerusform>%n could not be sorted (see the Status column).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/outcome.py" line="53" />
      <source>Undone: %n photo(s) restored.</source>
      <translation>
        <numerusform>Undone: %n photo restored.</numerusform>
        <numerusform>Undone: %n photos restored.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>TeachDialog</name>
    <message numerus="yes">
      <location filename="../dialogs/teach.py" line="62" />
      <source>It was fitted on the {photos} training photos of “{model}” and your %n label(s) ({labels}), in {seconds:.1f} s. Each of your labels counts as {weight} photos.</source>
      <translation>
        <numerusform>It was fitted on the {photos} training photos of “{model}” and your %n label ({labels}), in {seconds:.1f} s. Each of your labels counts as {weight} photos.</numerusform>
        <numerusform>It was fitted on the {photos} training photos of “{model}” and your %n labels ({labels}), in {seconds:.1f} s. Each of your labels counts as {weight} photos.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/teach.py" line="143" />
      <source>%n of {total} photos in this folder change label (the model's label; yours win):</source>
      <translation>
        <numerusform>%n of {total} photos in this folder changes label (the model's label; yours win):</numerusform>
        <numerusform>%n of {total} photos in this folder change label (the model's label; yours win):</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/teach.py" line="152" />
      <source>Of the %n photo(s) you labelled in this folder, the new model itself labels {after} as you did (the current model: {before}).</source>
      <translation>
        <numerusform>Of the %n photo you labelled in this folder, the new model itself labels {after} as you did (the current model: {before}).</numerusform>
        <numerusform>Of the %n photos you labelled in this folder, the new model itself labels {after} as you did (the current model: {before}).</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>TrainDialog</name>
    <message numerus="yes">
      <location filename="../dialogs/train.py" line="273" />
      <source>%n photo(s) of {name}</source>
      <translation>
        <numerusform>%n photo of {name}</numerusform>
        <numerusform>%n photos of {name}</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/train.py" line="275" />
      <source>%n photo(s) of neither class</source>
      <translation>
        <numerusform>%n photo of neither class</numerusform>
        <numerusform>%n photos of neither class</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/train.py" line="280" />
      <source>Training “{name}” on %n photo(s)</source>
      <translation>
        <numerusform>Training “{name}” on %n photo</numerusform>
        <numerusform>Training “{name}” on %n photos</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>TrainResult</name>
    <message numerus="yes">
      <location filename="../dialogs/train_result.py" line="158" />
      <source>“{name}”: trained on %n photo(s) in {time} ({counts}).</source>
      <translation>
        <numerusform>“{name}”: trained on %n photo in {time} ({counts}).</numerusform>
        <numerusform>“{name}”: trained on %n photos in {time} ({counts}).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/train_result.py" line="164" />
      <source>%n photo(s) could not be read and were left out.</source>
      <translation>
        <numerusform>%n photo could not be read and was left out.</numerusform>
        <numerusform>%n photos could not be read and were left out.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../dialogs/train_result.py" line="176" />
      <source>Cross-validation, %n fold(s): mean ± spread</source>
      <translation>
        <numerusform>Cross-validation, %n fold: mean ± spread</numerusform>
        <numerusform>Cross-validation, %n folds: mean ± spread</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Controller</name>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="70" />
      <source>%n label(s) could not be kept in your teaching set.</source>
      <translation>
        <numerusform>%n label could not be kept in your teaching set.</numerusform>
        <numerusform>%n labels could not be kept in your teaching set.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="137" />
      <source>(%n already sorted into class folders.)</source>
      <translation>
        <numerusform>(%n already sorted into class folders.)</numerusform>
        <numerusform>(%n already sorted into class folders.)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="143" />
      <source>Classifying %n photo(s): loading the model (the first start can take a while)…</source>
      <translation>
        <numerusform>Classifying %n photo: loading the model (the first start can take a while)…</numerusform>
        <numerusform>Classifying %n photos: loading the model (the first start can take a while)…</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="147" />
      <source>Classifying %n photo(s)…</source>
      <translation>
        <numerusform>Classifying %n photo…</numerusform>
        <numerusform>Classifying %n photos…</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="247" />
      <source>Classified %n photo(s).</source>
      <translation>
        <numerusform>Classified %n photo.</numerusform>
        <numerusform>Classified %n photos.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="248" />
      <source>%n photo(s) classified</source>
      <translation>
        <numerusform>%n photo classified</numerusform>
        <numerusform>%n photos classified</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/classify.py" line="280" />
      <source>&lt;b&gt;%n photo(s)&lt;/b&gt; are below the confidence threshold. Review them, or press &lt;b&gt;{apply}&lt;/b&gt; ({keys}) to sort the others and leave these where they are.</source>
      <translation>
        <numerusform>&lt;b&gt;%n photo&lt;/b&gt; is below the confidence threshold. Review it, or press &lt;b&gt;{apply}&lt;/b&gt; ({keys}) to sort the others and leave it where it is.</numerusform>
        <numerusform>&lt;b&gt;%n photos&lt;/b&gt; are below the confidence threshold. Review them, or press &lt;b&gt;{apply}&lt;/b&gt; ({keys}) to sort the others and leave these where they are.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/disk.py" line="116" />
      <source>%n photo(s) go back to where they were.</source>
      <translation>
        <numerusform>%n photo goes back to where it was.</numerusform>
        <numerusform>%n photos go back to where they were.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="69" />
      <source>%n stay for review</source>
      <translation>
        <numerusform>%n stays for review</numerusform>
        <numerusform>%n stay for review</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="70" />
      <source>%n stay: neither</source>
      <translation>
        <numerusform>%n stays: neither</numerusform>
        <numerusform>%n stay: neither</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="71" />
      <source>%n stay: your “leave here”</source>
      <translation>
        <numerusform>%n stays: your “leave here”</numerusform>
        <numerusform>%n stay: your “leave here”</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="72" />
      <source>%n already sorted</source>
      <translation>
        <numerusform>%n already sorted</numerusform>
        <numerusform>%n already sorted</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="73" />
      <source>%n error(s)</source>
      <translation>
        <numerusform>%n error</numerusform>
        <numerusform>%n errors</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="77" />
      <source>%n photo(s) in all</source>
      <translation>
        <numerusform>%n photo in all</numerusform>
        <numerusform>%n photos in all</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="170" />
      <source>Stopped after %n photo(s).</source>
      <translation>
        <numerusform>Stopped after %n photo.</numerusform>
        <numerusform>Stopped after %n photos.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="220" />
      <source>Label &amp;these %n first</source>
      <translation>
        <numerusform>Label &amp;these %n first</numerusform>
        <numerusform>Label &amp;these %n first</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>LabelFlow</name>
    <message numerus="yes">
      <location filename="../flows/labels.py" line="48" />
      <source>&amp;Undo labelling %n photo(s)</source>
      <translation>
        <numerusform>&amp;Undo labelling %n photo</numerusform>
        <numerusform>&amp;Undo labelling %n photos</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/labels.py" line="58" />
      <source>Labelling of %n photo(s) undone.</source>
      <translation>
        <numerusform>Labelling of %n photo undone.</numerusform>
        <numerusform>Labelling of %n photos undone.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ModelJobs</name>
    <message numerus="yes">
      <location filename="../flows/models.py" line="138" />
      <source>Now using the model {name}: %n photo(s) got another label from it.</source>
      <translation>
        <numerusform>Now using the model {name}: %n photo got another label from it.</numerusform>
        <numerusform>Now using the model {name}: %n photos got another label from it.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/models.py" line="141" />
      <source>%n photo(s) are below the threshold: review them.</source>
      <translation>
        <numerusform>%n photo is below the threshold: review it.</numerusform>
        <numerusform>%n photos are below the threshold: review them.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/models.py" line="263" />
      <source>%n label(s) could not be kept in your teaching set.</source>
      <translation>
        <numerusform>%n label could not be kept in your teaching set.</numerusform>
        <numerusform>%n labels could not be kept in your teaching set.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/models.py" line="271" />
      <source>%n labelled photo(s) are not sorted yet (Apply sorts them).</source>
      <translation>
        <numerusform>%n labelled photo is not sorted yet (Apply sorts it).</numerusform>
        <numerusform>%n labelled photos are not sorted yet (Apply sorts them).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/models.py" line="273" />
      <source>%n photo(s) you chose to leave here stay where they are.</source>
      <translation>
        <numerusform>%n photo you chose to leave here stays where it is.</numerusform>
        <numerusform>%n photos you chose to leave here stay where they are.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/models.py" line="275" />
      <source>%n label(s) you gave are not taught yet.</source>
      <translation>
        <numerusform>%n label you gave is not taught yet.</numerusform>
        <numerusform>%n labels you gave are not taught yet.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/controller.py" line="239" />
      <source>Teach the model (%n new label(s))…</source>
      <translation>
        <numerusform>Teach the model (%n new label)…</numerusform>
        <numerusform>Teach the model (%n new labels)…</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>SuggestFlow</name>
    <message numerus="yes">
      <location filename="../flows/suggest.py" line="72" />
      <source>That was the last of the %n photo(s) you were asked about. Teach the model ({teach}); then {ask} asks about the next ones.</source>
      <translation>
        <numerusform>That was the photo you were asked about. Teach the model ({teach}); then {ask} asks about the next ones.</numerusform>
        <numerusform>That was the last of the %n photos you were asked about. Teach the model ({teach}); then {ask} asks about the next ones.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/suggest.py" line="79" />
      <source>Label these %n photo(s) first: they would teach the model most.</source>
      <translation>
        <numerusform>Label this photo first: it would teach the model most.</numerusform>
        <numerusform>Label these %n photos first: they would teach the model most.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../flows/suggest.py" line="100" />
      <source>All %n photo(s) you were asked about are labelled. Teach the model ({teach}); then {ask} asks about the next ones, chosen by what it learnt.</source>
      <translation>
        <numerusform>The photo you were asked about is labelled. Teach the model ({teach}); then {ask} asks about the next ones, chosen by what it learnt.</numerusform>
        <numerusform>All %n photos you were asked about are labelled. Teach the model ({teach}); then {ask} asks about the next ones, chosen by what it learnt.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message numerus="yes">
      <location filename="../window/main_window.py" line="199" />
      <source>%n photo(s) labelled: {label}.</source>
      <translation>
        <numerusform>%n photo labelled: {label}.</numerusform>
        <numerusform>%n photos labelled: {label}.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../window/main_window.py" line="224" />
      <source>%n path(s) copied.</source>
      <translation>
        <numerusform>%n path copied.</numerusform>
        <numerusform>%n paths copied.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ModelMenu</name>
    <message numerus="yes">
      <location filename="../window/model_menu.py" line="52" />
      <source>%n of them are your labels</source>
      <translation>
        <numerusform>%n of them is your label</numerusform>
        <numerusform>%n of them are your labels</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Words</name>
    <message numerus="yes">
      <location filename="../words.py" line="94" />
      <source>, and %n more subfolder(s)</source>
      <translation>
        <numerusform>, and %n more subfolder</numerusform>
        <numerusform>, and %n more subfolders</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../words.py" line="95" />
      <source>%n photo(s) in subfolders are left out: {where}.</source>
      <translation>
        <numerusform>%n photo in subfolders is left out: {where}.</numerusform>
        <numerusform>%n photos in subfolders are left out: {where}.</numerusform>
      </translation>
    </message>
  </context>
</TS>
