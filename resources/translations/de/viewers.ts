<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AnnotationControls</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/annotate_controls.py" line="34"/>
        <source>Text on the image</source>
        <translation>Text im Bild</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/annotate_controls.py" line="35"/>
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/annotate_controls.py" line="54"/>
        <source>Send annotated</source>
        <translation>Markiert senden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/annotate_controls.py" line="56"/>
        <source>Reply in the chat with your marks, window and zoom (the image is not re-sent)</source>
        <translation>Im Chat mit Ihren Markierungen, Fenster und Zoom antworten (das Bild wird nicht erneut gesendet)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/annotate_controls.py" line="89"/>
        <source>The annotations could not be stored.</source>
        <translation>Die Anmerkungen konnten nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/annotate_controls.py" line="90"/>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/annotate_controls.py" line="93"/>
        <source>Sending the annotations …</source>
        <translation>Markierungen werden gesendet …</translation>
    </message>
</context>
<context>
    <name>CineBar</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/cine.py" line="118"/>
        <location filename="../../../desktop_app/ui/viewers/cine.py" line="164"/>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/cine.py" line="164"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/compare_window.py" line="38"/>
        <source>%1 and %2 — WardLink</source>
        <translation>%1 und %2 — WardLink</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/compare_window.py" line="46"/>
        <source>Synchronize zoom, pan and image</source>
        <translation>Zoom, Ausschnitt und Bild synchron</translation>
    </message>
</context>
<context>
    <name>EcgFindings</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="221"/>
        <source>Device measurements</source>
        <translation>Messwerte des Geräts</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="222"/>
        <source>Device statements</source>
        <translation>Befundaussagen des Geräts</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="223"/>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="224"/>
        <source>Not shown</source>
        <translation>Nicht angezeigt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="226"/>
        <source>notch %1</source>
        <translation>Kerbfilter %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="227"/>
        <source>notch off</source>
        <translation>Kerbfilter aus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="18"/>
        <source>RR Interval</source>
        <translation>RR-Intervall</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="19"/>
        <source>PP Interval</source>
        <translation>PP-Intervall</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="20"/>
        <source>PR Interval</source>
        <translation>PQ-Zeit</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="21"/>
        <source>P Duration</source>
        <translation>P-Dauer</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="22"/>
        <source>QRS Duration</source>
        <translation>QRS-Dauer</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="23"/>
        <source>QT Interval</source>
        <translation>QT-Zeit</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="24"/>
        <source>QTc Interval</source>
        <translation>QTc-Zeit</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="25"/>
        <source>P Axis</source>
        <translation>P-Achse</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="26"/>
        <source>QRS Axis</source>
        <translation>QRS-Achse</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="27"/>
        <source>T Axis</source>
        <translation>T-Achse</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="28"/>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="31"/>
        <source>Ventricular Heart Rate</source>
        <translation>Kammerfrequenz</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="32"/>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="33"/>
        <source>Atrial Heart Rate</source>
        <translation>Vorhoffrequenz</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_terms.py" line="34"/>
        <source>Heart Rate</source>
        <translation>Herzfrequenz</translation>
    </message>
</context>
<context>
    <name>EcgViewer</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="284"/>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="368"/>
        <source>Drag on the trace to measure</source>
        <translation>Zum Messen auf der Kurve ziehen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="297"/>
        <source>Layout</source>
        <translation>Anordnung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="297"/>
        <source>Speed</source>
        <translation>Vorschub</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="300"/>
        <source>Gain</source>
        <translation>Verstärkung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="300"/>
        <source>Scale</source>
        <translation>Maßstab</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="304"/>
        <source>From (of %1 s)</source>
        <translation>Ab (von %1 s)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="344"/>
        <source>Fit: %1 px/mm</source>
        <translation>Passend: %1 px/mm</translation>
    </message>
</context>
<context>
    <name>ErrorNotice</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/viewer_window.py" line="47"/>
        <source>Cannot show this file:
%1</source>
        <translation>Diese Datei kann nicht angezeigt werden:
%1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/viewer_window.py" line="104"/>
        <source>%1 is DICOM but holds no image, waveform or PDF</source>
        <translation>%1 ist DICOM, enthält aber kein Bild, keine Kurve und kein PDF</translation>
    </message>
</context>
<context>
    <name>FrameFeed</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/cine.py" line="103"/>
        <source>This picture could not be decoded; try again.</source>
        <translation>Dieses Bild konnte nicht dekodiert werden; bitte versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="36"/>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="72"/>
        <source>Decoding …</source>
        <translation>Wird dekodiert …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="153"/>
        <source>Invert</source>
        <translation>Invertieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="159"/>
        <source>Rotate</source>
        <translation>Drehen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="160"/>
        <source>Flip H</source>
        <translation>Spiegeln ↔</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="160"/>
        <source>Flip horizontally</source>
        <translation>Horizontal spiegeln</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="161"/>
        <source>Flip V</source>
        <translation>Spiegeln ↕</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="161"/>
        <source>Flip vertically</source>
        <translation>Vertikal spiegeln</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="162"/>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="164"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="165"/>
        <source>Overlays</source>
        <translation>Einblendungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="171"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="177"/>
        <source>Window/level</source>
        <translation>Fensterung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="178"/>
        <source>Pan</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="179"/>
        <source>Distance</source>
        <translation>Strecke</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="180"/>
        <source>Angle</source>
        <translation>Winkel</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="181"/>
        <source>Arrow</source>
        <translation>Pfeil</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="182"/>
        <source>Ellipse</source>
        <translation>Ellipse</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="183"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="188"/>
        <source>Window/level: drag with the left or right button (W)</source>
        <translation>Fensterung: mit der linken oder rechten Maustaste ziehen (W)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="189"/>
        <source>Pan: drag the image (P)</source>
        <translation>Verschieben: das Bild ziehen (P)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="190"/>
        <source>Distance: drag from one end to the other (D)</source>
        <translation>Strecke: von einem Ende zum anderen ziehen (D)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="192"/>
        <source>Angle: click the end of the first arm, then the vertex, then the end of the second arm (A)</source>
        <translation>Winkel: das Ende des ersten Schenkels anklicken, dann den Scheitelpunkt, dann das Ende des zweiten Schenkels (A)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="195"/>
        <source>Arrow: drag from the tail to the point it shows (V)</source>
        <translation>Pfeil: vom Ende zur gezeigten Stelle ziehen (V)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="196"/>
        <source>Ellipse: drag from one corner to the opposite one (E)</source>
        <translation>Ellipse: von einer Ecke zur gegenüberliegenden ziehen (E)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="197"/>
        <source>Text: click where the text goes (T)</source>
        <translation>Text: dort klicken, wo der Text stehen soll (T)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="211"/>
        <source>Angle: click the end of the first arm.</source>
        <translation>Winkel: das Ende des ersten Schenkels anklicken.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="213"/>
        <source>Angle: click the vertex.</source>
        <translation>Winkel: den Scheitelpunkt anklicken.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="215"/>
        <source>Angle: click the end of the second arm.</source>
        <translation>Winkel: das Ende des zweiten Schenkels anklicken.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="217"/>
        <source>Esc cancels.</source>
        <translation>Esc bricht ab.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="219"/>
        <source>Distance: drag from one end to the other. Del removes all marks.</source>
        <translation>Strecke: von einem Ende zum anderen ziehen. Entf entfernt alle Messungen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="221"/>
        <source>Del removes all marks.</source>
        <translation>Entf entfernt alle Markierungen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="268"/>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
</context>
<context>
    <name>ImageWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/picture_window.py" line="101"/>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/picture_window.py" line="104"/>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/picture_window.py" line="109"/>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/picture_window.py" line="118"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>KeyImageAction</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/key_image_action.py" line="22"/>
        <source>Mark as key image</source>
        <translation>Als Schlüsselbild markieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/key_image_action.py" line="24"/>
        <source>Reply in the chat: the receiver&apos;s study opens at this slice</source>
        <translation>Im Chat antworten: die Studie öffnet sich beim Empfänger an dieser Schicht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/key_image_action.py" line="39"/>
        <source>This image cannot be marked as key image.</source>
        <translation>Dieses Bild kann nicht als Schlüsselbild markiert werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/key_image_action.py" line="40"/>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
</context>
<context>
    <name>MedicalText</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/medical_text.py" line="33"/>
        <source>The image is compressed with a method WardLink cannot decode.</source>
        <translation>Das Bild ist mit einem Verfahren komprimiert, das WardLink nicht dekodieren kann.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/medical_text.py" line="37"/>
        <source>This is not a DICOM file that WardLink can read.</source>
        <translation>Dies ist keine DICOM-Datei, die WardLink lesen kann.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/medical_text.py" line="38"/>
        <source>The file is too large to be shown on this PC.</source>
        <translation>Die Datei ist zu groß, um auf diesem PC angezeigt zu werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/medical_text.py" line="39"/>
        <source>The file holds no image.</source>
        <translation>Die Datei enthält kein Bild.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/medical_text.py" line="42"/>
        <source>The file holds no ECG curves that can be shown.</source>
        <translation>Die Datei enthält keine darstellbaren EKG-Kurven.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/medical_text.py" line="44"/>
        <source>The study cannot be opened.</source>
        <translation>Die Studie kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/medical_text.py" line="45"/>
        <source>The key image note cannot be used.</source>
        <translation>Der Schlüsselbild-Verweis kann nicht verwendet werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/medical_text.py" line="46"/>
        <source>The annotations cannot be shown.</source>
        <translation>Die Anmerkungen können nicht angezeigt werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/medical_text.py" line="49"/>
        <source>The file is damaged or incomplete.</source>
        <translation>Die Datei ist beschädigt oder unvollständig.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/medical_text.py" line="60"/>
        <source>WardLink could not process this file on this PC; try again, and tell IT if it persists.</source>
        <translation>WardLink konnte diese Datei auf diesem PC nicht verarbeiten; bitte versuchen Sie es erneut und wenden Sie sich an die IT, wenn das anhält.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/medical_text.py" line="71"/>
        <source>patient data may be burned into the image itself (BurnedInAnnotation YES); check the picture before passing it on</source>
        <translation>Patientendaten können im Bild selbst eingebrannt sein (BurnedInAnnotation YES); prüfen Sie das Bild, bevor Sie es weitergeben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/medical_text.py" line="75"/>
        <source>the image shows features by which the patient can be recognised (e.g. a face)</source>
        <translation>das Bild zeigt Merkmale, an denen die Patientin oder der Patient erkannt werden kann (z. B. ein Gesicht)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/medical_text.py" line="79"/>
        <source>the document (PDF) inside the file still contains its patient data</source>
        <translation>das Dokument (PDF) in der Datei enthält weiterhin seine Patientendaten</translation>
    </message>
</context>
<context>
    <name>MetadataPanel</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="43"/>
        <source>Attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="43"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="50"/>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="59"/>
        <source>All attributes</source>
        <translation>Alle Attribute</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="68"/>
        <source>Group %1</source>
        <translation>Gruppe %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="73"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="74"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="75"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="76"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="77"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="78"/>
        <source>Patient ID</source>
        <translation>Patienten-ID</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="79"/>
        <source>Birth date</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="80"/>
        <source>Sex</source>
        <translation>Geschlecht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="81"/>
        <source>Study</source>
        <translation>Studie</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="82"/>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="83"/>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="84"/>
        <source>Modality</source>
        <translation>Modalität</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="85"/>
        <source>Institution</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="86"/>
        <source>Accession number</source>
        <translation>Auftragsnummer</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="87"/>
        <source>Pixels</source>
        <translation>Pixel</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="88"/>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="89"/>
        <source>VOI LUT</source>
        <translation>VOI-LUT</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="90"/>
        <source>Lossy compression</source>
        <translation>Verlustbehaftet komprimiert</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="91"/>
        <source>Transfer syntax</source>
        <translation>Transfersyntax</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="92"/>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="93"/>
        <source>Completion</source>
        <translation>Fertigstellung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="94"/>
        <source>Verification</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="95"/>
        <source>Verified by</source>
        <translation>Freigegeben von</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="96"/>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="97"/>
        <source>Statement</source>
        <translation>Befundaussage</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="102"/>
        <source>image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="103"/>
        <source>ECG</source>
        <translation>EKG</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="104"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="105"/>
        <source>structured report</source>
        <translation>strukturierter Bericht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="106"/>
        <source>other DICOM object</source>
        <translation>anderes DICOM-Objekt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="107"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="108"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="116"/>
        <source>1 item</source>
        <translation>1 Eintrag</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="116"/>
        <source>%n items</source>
        <translation>%n Einträge</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="124"/>
        <source>Item %1</source>
        <translation>Eintrag %1</translation>
    </message>
</context>
<context>
    <name>Overlays</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/overlays.py" line="115"/>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/overlays.py" line="132"/>
        <source>Zoom %1%</source>
        <translation>Zoom %1%</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/overlays.py" line="135"/>
        <source>Inverted</source>
        <translation>Invertiert</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/overlays.py" line="143"/>
        <source>Image %1/%2</source>
        <translation>Bild %1/%2</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="80"/>
        <source>PDF document %1</source>
        <translation>PDF-Dokument %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="90"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="126"/>
        <source>Fit width</source>
        <translation>Seitenbreite</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="127"/>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="129"/>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="133"/>
        <source>Previous page</source>
        <translation>Vorherige Seite</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="134"/>
        <source>Next page</source>
        <translation>Nächste Seite</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="135"/>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="168"/>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="275"/>
        <source>Find in document</source>
        <translation>Im Dokument suchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="280"/>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="282"/>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="251"/>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="47"/>
        <source>This PDF could not be displayed: the part of WardLink that draws its pages stopped or did not answer. The file may be damaged or made to attack PDF readers. The rest of WardLink is not affected.</source>
        <translation>Dieses PDF konnte nicht angezeigt werden: Der Teil von WardLink, der seine Seiten zeichnet, wurde beendet oder hat nicht geantwortet. Die Datei ist vielleicht beschädigt oder darauf angelegt, PDF-Programme anzugreifen. Das übrige WardLink ist nicht betroffen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="322"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="23"/>
        <source>Structured report</source>
        <translation>Strukturierter Befund</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="31"/>
        <source>complete</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="32"/>
        <source>partial</source>
        <translation>unvollständig</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="33"/>
        <source>completion not stated</source>
        <translation>Vollständigkeit nicht angegeben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="36"/>
        <source>verified by {name}</source>
        <translation>freigegeben von {name}</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="38"/>
        <source>verified</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="41"/>
        <source>not verified</source>
        <translation>nicht freigegeben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="42"/>
        <source>Structured report: {complete}, {verified}</source>
        <translation>Strukturierter Befund: {complete}, {verified}</translation>
    </message>
</context>
<context>
    <name>StudyViewer</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="105"/>
        <source>Pos %1 mm</source>
        <translation>Pos. %1 mm</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="111"/>
        <source>Thk %1 mm</source>
        <translation>SD %1 mm</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="155"/>
        <source>Series</source>
        <translation>Serien</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="161"/>
        <source>Decoding …</source>
        <translation>Wird dekodiert …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="164"/>
        <source>Slice</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="191"/>
        <source>Waiting for the first series …</source>
        <translation>Warten auf die erste Serie …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="218"/>
        <source>not yet arrived</source>
        <translation>noch nicht angekommen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="218"/>
        <source>download failed</source>
        <translation>Laden fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="232"/>
        <source>1 image</source>
        <translation>1 Bild</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="232"/>
        <source>%n images</source>
        <translation>%n Bilder</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="240"/>
        <source>Loading series …</source>
        <translation>Serie wird geladen …</translation>
    </message>
</context>
<context>
    <name>StudyWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="341"/>
        <source>Study</source>
        <translation>Studie</translation>
    </message>
</context>
<context>
    <name>TextWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/text_window.py" line="74"/>
        <source>Find in text</source>
        <translation>Im Text suchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/text_window.py" line="79"/>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/text_window.py" line="81"/>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/text_window.py" line="130"/>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
</context>
</TS>
