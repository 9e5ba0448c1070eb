<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>CineBar</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/cine.py" line="119"/>
        <location filename="../../../desktop_app/ui/viewers/cine.py" line="165"/>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/cine.py" line="165"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>EcgFindings</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="216"/>
        <source>Device measurements</source>
        <translation>Messwerte des Geräts</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="217"/>
        <source>Device statements</source>
        <translation>Befundaussagen des Geräts</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="218"/>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="219"/>
        <source>Not shown</source>
        <translation>Nicht angezeigt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="221"/>
        <source>notch %1</source>
        <translation>Kerbfilter %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="222"/>
        <source>notch off</source>
        <translation>Kerbfilter aus</translation>
    </message>
</context>
<context>
    <name>EcgViewer</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="276"/>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="332"/>
        <source>Drag on the trace to measure</source>
        <translation>Zum Messen auf der Kurve ziehen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="289"/>
        <source>Layout</source>
        <translation>Anordnung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="289"/>
        <source>Speed</source>
        <translation>Vorschub</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="292"/>
        <source>Gain</source>
        <translation>Verstärkung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="292"/>
        <source>Scale</source>
        <translation>Maßstab</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/ecg_view.py" line="296"/>
        <source>From (of %1 s)</source>
        <translation>Ab (von %1 s)</translation>
    </message>
</context>
<context>
    <name>ErrorNotice</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/viewer_window.py" line="41"/>
        <source>Cannot show this file:
%1</source>
        <translation>Diese Datei kann nicht angezeigt werden:
%1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/viewer_window.py" line="86"/>
        <source>%1 is DICOM but holds no image, waveform or PDF</source>
        <translation>%1 ist DICOM, enthält aber kein Bild, keine Kurve und kein PDF</translation>
    </message>
</context>
<context>
    <name>FrameFeed</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/cine.py" line="104"/>
        <source>decode failed: %1</source>
        <translation>Dekodieren fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="34"/>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="61"/>
        <source>Decoding …</source>
        <translation>Wird dekodiert …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="133"/>
        <source>Invert</source>
        <translation>Invertieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="137"/>
        <source>Rotate</source>
        <translation>Drehen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="138"/>
        <source>Flip H</source>
        <translation>Horizontal spiegeln</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="139"/>
        <source>Flip V</source>
        <translation>Vertikal spiegeln</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="140"/>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="142"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="143"/>
        <source>Overlays</source>
        <translation>Einblendungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="148"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="154"/>
        <source>Window/level</source>
        <translation>Fensterung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="155"/>
        <source>Pan</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="156"/>
        <source>Distance</source>
        <translation>Strecke</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="157"/>
        <source>Angle</source>
        <translation>Winkel</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="162"/>
        <source>Window/level: drag with the left or right button (W)</source>
        <translation>Fensterung: mit der linken oder rechten Maustaste ziehen (W)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="163"/>
        <source>Pan: drag the image (P)</source>
        <translation>Verschieben: das Bild ziehen (P)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="164"/>
        <source>Distance: drag from one end to the other (D)</source>
        <translation>Strecke: von einem Ende zum anderen ziehen (D)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="166"/>
        <source>Angle: click the end of the first arm, then the vertex, then the end of the second arm (A)</source>
        <translation>Winkel: das Ende des ersten Schenkels anklicken, dann den Scheitelpunkt, dann das Ende des zweiten Schenkels (A)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="182"/>
        <source>Angle: click the end of the first arm.</source>
        <translation>Winkel: das Ende des ersten Schenkels anklicken.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="184"/>
        <source>Angle: click the vertex.</source>
        <translation>Winkel: den Scheitelpunkt anklicken.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="186"/>
        <source>Angle: click the end of the second arm.</source>
        <translation>Winkel: das Ende des zweiten Schenkels anklicken.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="188"/>
        <source>Esc cancels.</source>
        <translation>Esc bricht ab.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="190"/>
        <source>Distance: drag from one end to the other. Del removes all marks.</source>
        <translation>Strecke: von einem Ende zum anderen ziehen. Entf entfernt alle Messungen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/image_viewer.py" line="235"/>
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
    <name>MetadataPanel</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="38"/>
        <source>Attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="38"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="45"/>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="50"/>
        <source>All attributes</source>
        <translation>Alle Attribute</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/metadata_panel.py" line="67"/>
        <source>Item %1</source>
        <translation>Eintrag %1</translation>
    </message>
</context>
<context>
    <name>Overlays</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/overlays.py" line="92"/>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/overlays.py" line="109"/>
        <source>Zoom %1%</source>
        <translation>Zoom %1%</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/overlays.py" line="112"/>
        <source>Inverted</source>
        <translation>Invertiert</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/overlays.py" line="120"/>
        <source>Image %1/%2</source>
        <translation>Bild %1/%2</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="64"/>
        <source>PDF document %1</source>
        <translation>PDF-Dokument %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="74"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="109"/>
        <source>Fit width</source>
        <translation>Seitenbreite</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="110"/>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="112"/>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="116"/>
        <source>Previous page</source>
        <translation>Vorherige Seite</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="117"/>
        <source>Next page</source>
        <translation>Nächste Seite</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="118"/>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="151"/>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="239"/>
        <source>WardLink stopped showing this PDF: its renderer crashed or hung on it. The file is damaged or made to attack PDF readers; the rest of WardLink is not affected.</source>
        <translation>WardLink zeigt dieses PDF nicht mehr an: Sein Darstellungsprozess ist abgestürzt oder hängen geblieben. Die Datei ist beschädigt oder gezielt gegen PDF-Programme gebaut; der Rest von WardLink ist davon nicht betroffen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="248"/>
        <source>Find in document</source>
        <translation>Im Dokument suchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="253"/>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="255"/>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="221"/>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/pdf_view.py" line="296"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="20"/>
        <source>Structured report</source>
        <translation>Strukturierter Befund</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="28"/>
        <source>complete</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="29"/>
        <source>partial</source>
        <translation>unvollständig</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="30"/>
        <source>completion not stated</source>
        <translation>Vollständigkeit nicht angegeben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="33"/>
        <source>verified by {name}</source>
        <translation>freigegeben von {name}</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="35"/>
        <source>verified</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="38"/>
        <source>not verified</source>
        <translation>nicht freigegeben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/report_view.py" line="39"/>
        <source>Structured report: {complete}, {verified}</source>
        <translation>Strukturierter Befund: {complete}, {verified}</translation>
    </message>
</context>
<context>
    <name>StudyViewer</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="101"/>
        <source>Pos %1 mm</source>
        <translation>Pos. %1 mm</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="107"/>
        <source>Thk %1 mm</source>
        <translation>SD %1 mm</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="143"/>
        <source>Series</source>
        <translation>Serien</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="149"/>
        <source>Decoding …</source>
        <translation>Wird dekodiert …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="152"/>
        <source>Slice</source>
        <translation>Schicht</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="182"/>
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/study_viewer.py" line="190"/>
        <source>Loading series …</source>
        <translation>Serie wird geladen …</translation>
    </message>
</context>
<context>
    <name>TextWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/viewers/text_window.py" line="72"/>
        <source>Find in text</source>
        <translation>Im Text suchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/text_window.py" line="77"/>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/text_window.py" line="79"/>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/viewers/text_window.py" line="128"/>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
</context>
</TS>
