<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
  <context>
    <name>Apply</name>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="41" />
      <source>{verb} %n photo(s)</source>
      <translation>
        <numerusform>{verb} %n photo</numerusform>
        <numerusform>{verb} %n photos</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="105" />
      <source>%n photo(s) in subfolders ({names}) go into class folders inside their own subfolder, for example {example}; the subfolders keep their place.</source>
      <translation>
        <numerusform>%n photo in subfolders ({names}) goes into class folders inside their own subfolder, for example {example}; the subfolders keep their place.</numerusform>
        <numerusform>%n photos in subfolders ({names}) go into class folders inside their own subfolder, for example {example}; the subfolders keep their place.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="113" />
      <source>%n photo(s) from subfolders ({names}) are gathered into the class folders at the top, for example {example}; the subfolders stay, emptier.</source>
      <translation>
        <numerusform>%n photo from subfolders ({names}) is gathered into the class folders at the top, for example {example}; the subfolders stay, emptier.</numerusform>
        <numerusform>%n photos from subfolders ({names}) are gathered into the class folders at the top, for example {example}; the subfolders stay, emptier.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="140" />
      <source>(%n by your label)</source>
      <translation>
        <numerusform>(%n by your label)</numerusform>
        <numerusform>(%n by your label)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="169" />
      <source>&lt;b&gt;%n photo(s) are no longer where they were when classified&lt;/b&gt; (moved, renamed or deleted outside this window, e.g. {example}). They are left out.</source>
      <translation>
        <numerusform>&lt;b&gt;%n photo is no longer where it was when classified&lt;/b&gt; (moved, renamed or deleted outside this window, e.g. {example}). It is left out.</numerusform>
        <numerusform>&lt;b&gt;%n photos are no longer where they were when classified&lt;/b&gt; (moved, renamed or deleted outside this window, e.g. {example}). They are left out.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="179" />
      <source>&lt;b&gt;%n photo(s) changed since they were classified&lt;/b&gt; (e.g. {example}); their labels may be out of date.</source>
      <translation>
        <numerusform>&lt;b&gt;%n photo changed since it was classified&lt;/b&gt; (e.g. {example}); its label may be out of date.</numerusform>
        <numerusform>&lt;b&gt;%n photos changed since they were classified&lt;/b&gt; (e.g. {example}); their labels may be out of date.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../apply_dialog.py" line="226" />
      <source>Review %n first</source>
      <translation>
        <numerusform>Review %n first</numerusform>
        <numerusform>Review %n first</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Controller</name>
    <message numerus="yes">
      <location filename="../controller.py" line="122" />
      <source>Stopped after %n photo(s).</source>
      <translation>
        <numerusform>Stopped after %n photo.</numerusform>
        <numerusform>Stopped after %n photos.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="171" />
      <source>You labelled %n photo(s) and have not applied the labels yet.</source>
      <translation>
        <numerusform>You labelled %n photo and have not applied the labels yet.</numerusform>
        <numerusform>You labelled %n photos and have not applied the labels yet.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="224" />
      <source>(%n already sorted into class folders.)</source>
      <translation>
        <numerusform>(%n already sorted into class folders.)</numerusform>
        <numerusform>(%n already sorted into class folders.)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="235" />
      <source>Classifying %n photo(s)…</source>
      <translation>
        <numerusform>Classifying %n photo…</numerusform>
        <numerusform>Classifying %n photos…</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="292" />
      <source>Classified %n photo(s).</source>
      <translation>
        <numerusform>Classified %n photo.</numerusform>
        <numerusform>Classified %n photos.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="293" />
      <source>%n photo(s) classified</source>
      <translation>
        <numerusform>%n photo classified</numerusform>
        <numerusform>%n photos classified</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="298" />
      <source>&lt;b&gt;%n photo(s)&lt;/b&gt; are below the confidence threshold. Review them, or press &lt;b&gt;{apply}&lt;/b&gt; ({keys}) to sort the others and leave these where they are.</source>
      <translation>
        <numerusform>&lt;b&gt;%n photo&lt;/b&gt; is below the confidence threshold. Review it, or press &lt;b&gt;{apply}&lt;/b&gt; ({keys}) to sort the others and leave it where it is.</numerusform>
        <numerusform>&lt;b&gt;%n photos&lt;/b&gt; are below the confidence threshold. Review them, or press &lt;b&gt;{apply}&lt;/b&gt; ({keys}) to sort the others and leave these where they are.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="314" />
      <source>%n neither</source>
      <translation>
        <numerusform>%n neither</numerusform>
        <numerusform>%n neither</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="316" />
      <source>%n to review</source>
      <translation>
        <numerusform>%n to review</numerusform>
        <numerusform>%n to review</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../controller.py" line="318" />
      <source>%n error(s)</source>
      <translation>
        <numerusform>%n error</numerusform>
        <numerusform>%n errors</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../disk_jobs.py" line="144" />
      <source>%n photo(s) go back to where they were.</source>
      <translation>
        <numerusform>%n photo goes back to where it was.</numerusform>
        <numerusform>%n photos go back to where they were.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Outcome</name>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="23" />
      <source>Moved %n photo(s).</source>
      <translation>
        <numerusform>Moved %n photo.</numerusform>
        <numerusform>Moved %n photos.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="24" />
      <source>Copied %n photo(s).</source>
      <translation>
        <numerusform>Copied %n photo.</numerusform>
        <numerusform>Copied %n photos.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="25" />
      <source>Tagged %n photo(s).</source>
      <translation>
        <numerusform>Tagged %n photo.</numerusform>
        <numerusform>Tagged %n photos.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="39" />
      <source>%n stay here: neither class.</source>
      <translation>
        <numerusform>%n stays here: neither class.</numerusform>
        <numerusform>%n stay here: neither class.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="40" />
      <source>%n stay here: you chose “neither / leave here”.</source>
      <translation>
        <numerusform>%n stays here: you chose “neither / leave here”.</numerusform>
        <numerusform>%n stay here: you chose “neither / leave here”.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="41" />
      <source>%n stay here for review.</source>
      <translation>
        <numerusform>%n stays here for review.</numerusform>
        <numerusform>%n stay here for review.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="48" />
      <source>%n could not be sorted (see the Status column).</source>
      <translation>
        <numerusform>%n could not be sorted (see the Status column).</numerusform>
        <numerusform>%n could not be sorted (see the Status column).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../outcome_text.py" line="54" />
      <source>Undone: %n photo(s) restored.</source>
      <translation>
        <numerusform>Undone: %n photo restored.</numerusform>
        <numerusform>Undone: %n photos restored.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message numerus="yes">
      <location filename="../view.py" line="375" />
      <source>%n photo(s) labelled: {label}.</source>
      <translation>
        <numerusform>%n photo labelled: {label}.</numerusform>
        <numerusform>%n photos labelled: {label}.</numerusform>
      </translation>
    </message>
  </context>
</TS>
