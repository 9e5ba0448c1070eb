<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AnnotatedOpener</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/annotated_opening.py" line="49"/>
        <source>Sent to the chat as a reply.</source>
        <translation>Als Antwort in den Chat gesendet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/annotated_opening.py" line="50"/>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/annotated_opening.py" line="64"/>
        <source>Cannot open %1: %2</source>
        <translation>%1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/annotated_opening.py" line="82"/>
        <source>%1 annotates an image that is not on this PC (SOP Instance UID %2). Ask the sender to send the image itself too.</source>
        <translation>%1 enthält Markierungen zu einem Bild, das auf diesem PC nicht vorhanden ist (SOP Instance UID %2). Bitten Sie den Absender, auch das Bild selbst zu senden.</translation>
    </message>
</context>
<context>
    <name>AttachmentOpener</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/opening.py" line="123"/>
        <source>%1 opens as soon as it has arrived.</source>
        <translation>%1 öffnet sich, sobald die Datei angekommen ist.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/opening.py" line="129"/>
        <location filename="../../../desktop_app/ui/chat/opening.py" line="151"/>
        <location filename="../../../desktop_app/ui/chat/opening.py" line="191"/>
        <source>Cannot open %1: %2</source>
        <translation>%1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/opening.py" line="296"/>
        <location filename="../../../desktop_app/ui/chat/opening.py" line="306"/>
        <source>Cannot show this file</source>
        <translation>Datei kann nicht angezeigt werden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/opening.py" line="299"/>
        <source>WardLink cannot show %1, and export is switched off by policy.</source>
        <translation>WardLink kann %1 nicht anzeigen, und der Export ist durch die Richtlinie Ihres Hauses abgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/opening.py" line="309"/>
        <source>WardLink cannot show %1 itself. Export a copy to open it in another program?</source>
        <translation>WardLink kann %1 nicht selbst anzeigen. Eine Kopie exportieren, um sie in einem anderen Programm zu öffnen?</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/opening.py" line="321"/>
        <source>%1 is too large to show in WardLink (%2; the limit is %3 MB).</source>
        <translation>%1 ist zu groß, um in WardLink angezeigt zu werden (%2; die Grenze liegt bei %3 MB).</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/opening.py" line="327"/>
        <source>Export a copy to open it in another program.</source>
        <translation>Exportieren Sie eine Kopie, um sie in einem anderen Programm zu öffnen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/opening.py" line="328"/>
        <source>File too large to show</source>
        <translation>Datei zu groß zum Anzeigen</translation>
    </message>
</context>
<context>
    <name>BubbleDelegate</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/delegate.py" line="116"/>
        <source>Acknowledged by you · %1</source>
        <translation>Von Ihnen bestätigt · %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/delegate.py" line="118"/>
        <source>Acknowledged by %1 · %2</source>
        <translation>Bestätigt von %1 · %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/delegate.py" line="125"/>
        <location filename="../../../desktop_app/ui/chat/delegate.py" line="257"/>
        <source>URGENT</source>
        <translation>DRINGEND</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/delegate.py" line="126"/>
        <location filename="../../../desktop_app/ui/chat/delegate.py" line="299"/>
        <source>Acknowledge</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/delegate.py" line="127"/>
        <source>Not acknowledged yet</source>
        <translation>Noch nicht bestätigt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/delegate.py" line="129"/>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/delegate.py" line="130"/>
        <source>Forwarded</source>
        <translation>Weitergeleitet</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/delegate.py" line="131"/>
        <location filename="../../../desktop_app/ui/chat/delegate.py" line="221"/>
        <source>deleted message</source>
        <translation>gelöschte Nachricht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/card_paint.py" line="84"/>
        <source>Download failed · click to retry download</source>
        <translation>Download fehlgeschlagen · klicken zum erneuten Herunterladen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/card_paint.py" line="120"/>
        <source>Loading preview …</source>
        <translation>Vorschau wird geladen …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/card_paint.py" line="142"/>
        <source>No preview available</source>
        <translation>Keine Vorschau verfügbar</translation>
    </message>
</context>
<context>
    <name>ChatFormatting</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/formatting.py" line="82"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/formatting.py" line="98"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/formatting.py" line="100"/>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/previews.py" line="139"/>
        <source>This picture cannot be read: it is damaged or in a format WardLink cannot show.</source>
        <translation>Dieses Bild kann nicht gelesen werden: Es ist beschädigt oder hat ein Format, das WardLink nicht anzeigen kann.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/previews.py" line="164"/>
        <source>ECG · %1 leads</source>
        <translation>EKG · %1 Ableitungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/previews.py" line="186"/>
        <source>This image is too large for a preview; open it to see it.</source>
        <translation>Dieses Bild ist für eine Vorschau zu groß; öffnen Sie es, um es anzusehen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/previews.py" line="193"/>
        <source>This ECG is too large for a preview; open it to see it.</source>
        <translation>Dieses EKG ist für eine Vorschau zu groß; öffnen Sie es, um es anzusehen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/previews.py" line="207"/>
        <source>1 page</source>
        <translation>1 Seite</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/previews.py" line="209"/>
        <source>%1 pages</source>
        <translation>%1 Seiten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/previews.py" line="302"/>
        <source>Key image</source>
        <translation>Schlüsselbild</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/annotated_preview.py" line="28"/>
        <source>Annotations</source>
        <translation>Markierungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/annotated_preview.py" line="32"/>
        <source>The annotated image is not on this PC.</source>
        <translation>Das markierte Bild ist auf diesem PC nicht vorhanden.</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/header.py" line="32"/>
        <source>Call</source>
        <translation>Anrufen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/header.py" line="34"/>
        <source>Call this person</source>
        <translation>Diese Person anrufen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/header.py" line="37"/>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/header.py" line="39"/>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/header.py" line="41"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="40"/>
        <source>Acknowledge</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="53"/>
        <source>Retry download of %1</source>
        <translation>%1 erneut herunterladen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="58"/>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="63"/>
        <source>Compare with…</source>
        <translation>Vergleichen mit …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="67"/>
        <source>Export %1 …</source>
        <translation>%1 exportieren …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="73"/>
        <source>Export %1 … (switched off by policy)</source>
        <translation>%1 exportieren … (durch Richtlinie abgeschaltet)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="79"/>
        <source>Playback speed</source>
        <translation>Wiedergabegeschwindigkeit</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="91"/>
        <source>Copy text</source>
        <translation>Text kopieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="97"/>
        <source>Copy text (switched off by policy)</source>
        <translation>Text kopieren (per Richtlinie abgeschaltet)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="103"/>
        <source>Delete for everyone …</source>
        <translation>Für alle löschen …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="107"/>
        <source>Delete for me …</source>
        <translation>Für mich löschen …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="116"/>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="119"/>
        <source>React</source>
        <translation>Reagieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="128"/>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="133"/>
        <source>Show edit history</source>
        <translation>Bearbeitungsverlauf anzeigen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="137"/>
        <source>Unpin</source>
        <translation>Loslösen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="138"/>
        <source>Pin</source>
        <translation>Anheften</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="145"/>
        <source>At most 3 messages can be pinned; unpin one first.</source>
        <translation>Höchstens 3 Nachrichten können angeheftet sein; lösen Sie zuerst eine.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="151"/>
        <source>Make task …</source>
        <translation>Aufgabe daraus machen …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="154"/>
        <source>Forward …</source>
        <translation>Weiterleiten …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="160"/>
        <source>Forward … (switched off by policy)</source>
        <translation>Weiterleiten … (durch Richtlinie abgeschaltet)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="163"/>
        <source>Forwarding messages is switched off by your IT department.</source>
        <translation>Das Weiterleiten von Nachrichten ist von Ihrer IT-Abteilung abgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/menu.py" line="169"/>
        <source>Message info</source>
        <translation>Nachrichteninfo</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/view.py" line="108"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_commands.py" line="51"/>
        <source>Delete message</source>
        <translation>Nachricht löschen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_commands.py" line="52"/>
        <source>Delete this message and its attachments from this PC? It cannot be restored. Other people keep their copy.</source>
        <translation>Diese Nachricht und ihre Anhänge von diesem PC löschen? Sie kann nicht wiederhergestellt werden. Andere behalten ihre Kopie.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_commands.py" line="83"/>
        <source>%1 could not be downloaded again; ask the sender to send it once more. (%2)</source>
        <translation>%1 konnte wieder nicht geladen werden; bitten Sie den Absender, die Datei noch einmal zu senden. (%2)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/view.py" line="425"/>
        <source>Messages are deleted after %1 days</source>
        <translation>Nachrichten werden nach %1 Tagen gelöscht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_commands.py" line="116"/>
        <source>Copying is switched off by your IT department.</source>
        <translation>Kopieren ist von Ihrer IT abgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_commands.py" line="122"/>
        <source>Text copied.</source>
        <translation>Text kopiert.</translation>
    </message>
</context>
<context>
    <name>ComparePicker</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/compare_picker.py" line="36"/>
        <source>Compare with…</source>
        <translation>Vergleichen mit …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/compare_picker.py" line="53"/>
        <source>Compare %1 with:</source>
        <translation>%1 vergleichen mit:</translation>
    </message>
</context>
<context>
    <name>Comparer</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/compare_picker.py" line="87"/>
        <source>There is no other image in this chat to compare with.</source>
        <translation>In diesem Chat gibt es kein anderes Bild zum Vergleichen.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="186"/>
        <source>Attach files (X-ray, ECG, PDF …)</source>
        <translation>Dateien anhängen (Röntgenbild, EKG, PDF …)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="187"/>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="348"/>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="191"/>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="355"/>
        <source>Send study…</source>
        <translation>Studie senden …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="193"/>
        <source>Send a folder of DICOM files, a patient CD or a ZIP as one study</source>
        <translation>Einen Ordner mit DICOM-Dateien, eine Patienten-CD oder ein ZIP als eine Studie senden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="201"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="222"/>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="227"/>
        <source>Urgent</source>
        <translation>Dringend</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="225"/>
        <source>Mark as urgent: the recipients must acknowledge this message</source>
        <translation>Als dringend markieren: Die Empfänger müssen diese Nachricht bestätigen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="232"/>
        <source>Send (Enter)</source>
        <translation>Senden (Eingabetaste)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="233"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="280"/>
        <source>Write a message …  (Enter sends, Shift+Enter: new line)</source>
        <translation>Nachricht schreiben …  (Eingabe sendet, Umschalt+Eingabe: neue Zeile)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="281"/>
        <source>Write a message …</source>
        <translation>Nachricht schreiben …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="284"/>
        <source>Choose a conversation on the left to write a message</source>
        <translation>Links eine Unterhaltung wählen, um eine Nachricht zu schreiben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="293"/>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="297"/>
        <source>You are no longer a member of this group.</source>
        <translation>Sie sind nicht mehr Mitglied dieser Gruppe.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="295"/>
        <source>You were removed from this group by %1.</source>
        <translation>%1 hat Sie aus dieser Gruppe entfernt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="302"/>
        <source>You can still read it and copy your draft, but not send anything here.</source>
        <translation>Sie können sie weiter lesen und Ihren Entwurf kopieren, aber hier nichts mehr senden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="333"/>
        <source>Pasted image %1.png</source>
        <translation>Eingefügtes Bild %1.png</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="418"/>
        <source>Recording: click to send, Esc to cancel</source>
        <translation>Aufnahme läuft: klicken zum Senden, Esc bricht ab</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="419"/>
        <source>Stop recording and send</source>
        <translation>Aufnahme beenden und senden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="422"/>
        <location filename="../../../desktop_app/ui/chat/composer.py" line="423"/>
        <source>Record a voice message</source>
        <translation>Sprachnachricht aufnehmen</translation>
    </message>
</context>
<context>
    <name>Disappearing</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/disappearing.py" line="22"/>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/disappearing.py" line="24"/>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/disappearing.py" line="27"/>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/disappearing.py" line="29"/>
        <source>%1 hours</source>
        <translation>%1 Stunden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/disappearing.py" line="37"/>
        <source>Messages disappear %1 after reading</source>
        <translation>Nachrichten verschwinden %1 nach dem Lesen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/disappearing.py" line="47"/>
        <source>Disappearing messages</source>
        <translation>Verschwindende Nachrichten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/disappearing.py" line="50"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/disappearing.py" line="61"/>
        <source>Only an admin of the group can change disappearing messages.</source>
        <translation>Nur ein Admin der Gruppe kann verschwindende Nachrichten ändern.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/disappearing.py" line="68"/>
        <source>Your IT department limits how long messages stay on this PC.</source>
        <translation>Ihre IT-Abteilung begrenzt, wie lange Nachrichten auf diesem PC bleiben.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/disappearing.py" line="77"/>
        <source>Mute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/disappearing.py" line="79"/>
        <source>Unmute</source>
        <translation>Stummschaltung aufheben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/disappearing.py" line="83"/>
        <source>No notifications, except urgent messages and mentions of you.</source>
        <translation>Keine Benachrichtigungen, außer dringenden Nachrichten und Erwähnungen von Ihnen.</translation>
    </message>
</context>
<context>
    <name>EditHistory</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/history.py" line="20"/>
        <source>Edit history</source>
        <translation>Bearbeitungsverlauf</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/history.py" line="29"/>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/history.py" line="31"/>
        <source>Current</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/history.py" line="33"/>
        <source>Edit %1</source>
        <translation>Änderung %1</translation>
    </message>
</context>
<context>
    <name>EscalationChoice</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/escalate_menu.py" line="33"/>
        <location filename="../../../desktop_app/ui/chat/escalate_menu.py" line="56"/>
        <source>Escalate to…</source>
        <translation>Eskalieren an …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/escalate_menu.py" line="57"/>
        <source>As in Settings</source>
        <translation>Wie in den Einstellungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/escalate_menu.py" line="63"/>
        <source>A person…</source>
        <translation>Eine Person …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/escalate_menu.py" line="74"/>
        <source>Escalate this urgent message to</source>
        <translation>Diese dringende Nachricht eskalieren an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/escalate_menu.py" line="99"/>
        <source>Urgent → %1</source>
        <translation>Dringend → %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/escalate_menu.py" line="100"/>
        <source>Urgent, escalates to %1</source>
        <translation>Dringend, eskaliert an %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/escalate_menu.py" line="102"/>
        <location filename="../../../desktop_app/ui/chat/escalate_menu.py" line="103"/>
        <source>Urgent</source>
        <translation>Dringend</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="58"/>
        <source>Export a decrypted copy</source>
        <translation>Entschlüsselte Kopie exportieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="64"/>
        <source>Export “%1”?</source>
        <translation>„%1“ exportieren?</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="69"/>
        <source>The exported copy is NOT encrypted. Anyone who can open the folder you choose can read it. It may contain patient data: save it only where your hospital&apos;s rules allow, and delete it when you no longer need it.</source>
        <translation>Die exportierte Kopie ist NICHT verschlüsselt. Jeder, der den gewählten Ordner öffnen kann, kann sie lesen. Sie kann Patientendaten enthalten: Speichern Sie sie nur dort, wo es die Regeln Ihres Hauses erlauben, und löschen Sie sie, sobald Sie sie nicht mehr brauchen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="76"/>
        <source>Remove patient identifiers (name, ID, birth date, institution …)</source>
        <translation>Patientenmerkmale entfernen (Name, ID, Geburtsdatum, Einrichtung …)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="78"/>
        <source>Remove patient identifiers</source>
        <translation>Patientenmerkmale entfernen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="80"/>
        <source>Text burned into the image itself cannot be removed; check the picture.</source>
        <translation>In das Bild eingebrannter Text kann nicht entfernt werden; prüfen Sie das Bild.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="90"/>
        <source>Export …</source>
        <translation>Exportieren …</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="132"/>
        <source>Export is switched off by your hospital&apos;s policy.</source>
        <translation>Der Export ist durch die Richtlinie Ihres Hauses abgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="137"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="143"/>
        <source>Export copy as</source>
        <translation>Kopie exportieren als</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="160"/>
        <source>Exported a copy to %1 (not encrypted).</source>
        <translation>Kopie nach %1 exportiert (nicht verschlüsselt).</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="164"/>
        <source>Patient identifiers were removed.</source>
        <translation>Patientenmerkmale wurden entfernt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="167"/>
        <source>Caution: %1</source>
        <translation>Achtung: %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/export.py" line="173"/>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>FileChips</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/file_chips.py" line="83"/>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/file_chips.py" line="84"/>
        <source>Remove attachment %1</source>
        <translation>Anhang %1 entfernen</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/find_bar.py" line="80"/>
        <location filename="../../../desktop_app/ui/chat/find_bar.py" line="81"/>
        <source>Find in conversation</source>
        <translation>In der Unterhaltung suchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/find_bar.py" line="86"/>
        <source>Older match (Enter)</source>
        <translation>Ältere Fundstelle (Enter)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/find_bar.py" line="88"/>
        <source>Newer match (Shift+Enter)</source>
        <translation>Neuere Fundstelle (Umschalt+Enter)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/find_bar.py" line="90"/>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/find_bar.py" line="174"/>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/find_bar.py" line="211"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>ForwardDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/forward_dialog.py" line="35"/>
        <source>Forward to …</source>
        <translation>Weiterleiten an …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/forward_dialog.py" line="38"/>
        <location filename="../../../desktop_app/ui/chat/forward_dialog.py" line="39"/>
        <source>Search conversations</source>
        <translation>Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/forward_dialog.py" line="42"/>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/forward_dialog.py" line="49"/>
        <source>The receivers see that it was forwarded, not where from.</source>
        <translation>Die Empfänger sehen, dass die Nachricht weitergeleitet wurde, nicht woher.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/forward_dialog.py" line="55"/>
        <source>Forward</source>
        <translation>Weiterleiten</translation>
    </message>
</context>
<context>
    <name>MentionCompleter</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/mention_completer.py" line="103"/>
        <source>%1 (role)</source>
        <translation>%1 (Funktion)</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/actions.py" line="84"/>
        <source>Forwarded to %1</source>
        <translation>Weitergeleitet an %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/actions.py" line="107"/>
        <source>Delete for everyone</source>
        <translation>Für alle löschen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/actions.py" line="109"/>
        <source>Delete this message for everyone? It is removed from every PC in this conversation, with its attachments, and cannot be restored. Everyone sees that you deleted a message.</source>
        <translation>Diese Nachricht für alle löschen? Sie wird mit ihren Anhängen von jedem PC dieser Unterhaltung entfernt und kann nicht wiederhergestellt werden. Alle sehen, dass Sie eine Nachricht gelöscht haben.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/actions.py" line="159"/>
        <source>The quoted message is no longer on this PC.</source>
        <translation>Die zitierte Nachricht ist auf diesem PC nicht mehr vorhanden.</translation>
    </message>
</context>
<context>
    <name>MessageInfoDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_info.py" line="39"/>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_info.py" line="50"/>
        <source>Message info</source>
        <translation>Nachrichteninfo</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_info.py" line="52"/>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_info.py" line="54"/>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_info.py" line="54"/>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_info.py" line="56"/>
        <source>Acknowledged</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_info.py" line="58"/>
        <source>Members and what they received</source>
        <translation>Mitglieder und was sie erhalten haben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_info.py" line="72"/>
        <source>Sent %1</source>
        <translation>Gesendet %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_info.py" line="79"/>
        <source>Delivery and read receipts are switched off, so WardLink cannot show who received or read this message.</source>
        <translation>Zustell- und Lesebestätigungen sind ausgeschaltet, daher kann WardLink nicht anzeigen, wer diese Nachricht erhalten oder gelesen hat.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/message_info.py" line="83"/>
        <source>Acknowledgements of urgent messages are always shown.</source>
        <translation>Bestätigungen dringender Nachrichten werden immer angezeigt.</translation>
    </message>
</context>
<context>
    <name>MessageModel</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/spoken.py" line="21"/>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/spoken.py" line="24"/>
        <source>urgent</source>
        <translation>dringend</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/spoken.py" line="28"/>
        <source>deleted message</source>
        <translation>gelöschte Nachricht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/spoken.py" line="29"/>
        <source>reply to %1</source>
        <translation>Antwort auf %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/spoken.py" line="34"/>
        <source>Attachment %1</source>
        <translation>Anhang %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/spoken.py" line="37"/>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/spoken.py" line="39"/>
        <source>forwarded</source>
        <translation>weitergeleitet</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/spoken.py" line="41"/>
        <source>mentions you</source>
        <translation>erwähnt Sie</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/spoken.py" line="44"/>
        <source>reactions: %1</source>
        <translation>Reaktionen: %1</translation>
    </message>
</context>
<context>
    <name>PinnedBar</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/pinned_bar.py" line="45"/>
        <source>Pinned messages</source>
        <translation>Angeheftete Nachrichten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/pinned_bar.py" line="119"/>
        <source>Show this pinned message</source>
        <translation>Diese angeheftete Nachricht zeigen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/pinned_bar.py" line="121"/>
        <source>Pinned message from %1: %2</source>
        <translation>Angeheftete Nachricht von %1: %2</translation>
    </message>
</context>
<context>
    <name>ReplyBar</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/reply_bar.py" line="37"/>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/reply_bar.py" line="38"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/reply_bar.py" line="49"/>
        <source>Reply to %1</source>
        <translation>Antwort an %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/reply_bar.py" line="54"/>
        <source>Edit message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
</context>
<context>
    <name>Sender</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/sending.py" line="50"/>
        <location filename="../../../desktop_app/ui/chat/sending.py" line="112"/>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/sending.py" line="74"/>
        <source>Sending %1 …</source>
        <translation>%1 wird gesendet …</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/status.py" line="21"/>
        <source>Chat status</source>
        <translation>Chat-Status</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/status.py" line="26"/>
        <source>Transfer progress</source>
        <translation>Übertragungsfortschritt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/status.py" line="31"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/status.py" line="32"/>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>StudyCaption</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/study_caption.py" line="22"/>
        <source>Study: %1, %2 series, %3 images, %4 MB</source>
        <translation>Studie: %1, Serien: %2, Bilder: %3, %4 MB</translation>
    </message>
</context>
<context>
    <name>StudyCard</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/study_card.py" line="42"/>
        <source>Downloading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/study_card.py" line="44"/>
        <source>Downloading… %1 of %2 series, %3 of %4 MB</source>
        <translation>Wird geladen … %1 von %2 Serien, %3 von %4 MB</translation>
    </message>
</context>
<context>
    <name>SystemLine</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="17"/>
        <source>You created the group “%title”.</source>
        <translation>Sie haben die Gruppe „%title“ erstellt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="18"/>
        <source>%by created the group “%title”.</source>
        <translation>%by hat die Gruppe „%title“ erstellt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="21"/>
        <source>%by added you to the group “%title”.</source>
        <translation>%by hat Sie zur Gruppe „%title“ hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="24"/>
        <source>%by added %who.</source>
        <translation>%by hat %who hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="25"/>
        <source>%by removed %who.</source>
        <translation>%by hat %who entfernt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="26"/>
        <source>%by renamed the group to “%title”.</source>
        <translation>%by hat die Gruppe in „%title“ umbenannt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="27"/>
        <source>%who has a new device.</source>
        <translation>%who hat ein neues Gerät.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="28"/>
        <source>%by removed you from the group.</source>
        <translation>%by hat Sie aus der Gruppe entfernt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="29"/>
        <source>Not acknowledged within %minutes minutes: sent on to %to.</source>
        <translation>Nicht innerhalb von %minutes Minuten bestätigt: weitergeleitet an %to.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="32"/>
        <source>Message deleted by %by at %at.</source>
        <translation>Nachricht gelöscht von %by um %at.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="33"/>
        <source>This message needs a newer WardLink.</source>
        <translation>Für diese Nachricht wird eine neuere WardLink-Version benötigt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="36"/>
        <source>%by turned on disappearing messages: deleted %hours hours after reading.</source>
        <translation>%by hat verschwindende Nachrichten eingeschaltet: Sie werden %hours Stunden nach dem Lesen gelöscht.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="40"/>
        <source>%by turned off disappearing messages.</source>
        <translation>%by hat verschwindende Nachrichten ausgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="43"/>
        <source>Missed call from %who.</source>
        <translation>Verpasster Anruf von %who.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="44"/>
        <source>Call with %who, %duration.</source>
        <translation>Anruf mit %who, %duration.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="45"/>
        <source>Outgoing call to %who, %duration.</source>
        <translation>Ausgehender Anruf an %who, %duration.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="46"/>
        <source>Incoming call from %who, %duration.</source>
        <translation>Eingehender Anruf von %who, %duration.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="47"/>
        <source>Outgoing call to %who: no answer.</source>
        <translation>Ausgehender Anruf an %who: keine Antwort.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="50"/>
        <source>Outgoing call to %who: declined.</source>
        <translation>Ausgehender Anruf an %who: abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="53"/>
        <source>Outgoing call to %who: busy.</source>
        <translation>Ausgehender Anruf an %who: besetzt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="54"/>
        <source>Call with %who: no connection.</source>
        <translation>Anruf mit %who: keine Verbindung.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="55"/>
        <source>Incoming call from %who: declined.</source>
        <translation>Eingehender Anruf von %who: abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="58"/>
        <source>Group call: %who.</source>
        <translation>Gruppenanruf: %who.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/system_text.py" line="59"/>
        <source>The group call has ended.</source>
        <translation>Der Gruppenanruf ist beendet.</translation>
    </message>
</context>
<context>
    <name>TypingLabel</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/typing_label.py" line="56"/>
        <source>%1 is typing…</source>
        <translation>%1 schreibt …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/typing_label.py" line="58"/>
        <source>%1 and %2 are typing…</source>
        <translation>%1 und %2 schreiben …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/typing_label.py" line="59"/>
        <source>Several people are typing…</source>
        <translation>Mehrere Personen schreiben …</translation>
    </message>
</context>
<context>
    <name>UnreadJump</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/unread.py" line="64"/>
        <source>Jump to the first unread message</source>
        <translation>Zur ersten ungelesenen Nachricht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/unread.py" line="68"/>
        <location filename="../../../desktop_app/ui/chat/unread.py" line="69"/>
        <source>Jump to the newest message</source>
        <translation>Zur neuesten Nachricht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/unread.py" line="100"/>
        <source>1 unread message</source>
        <translation>1 ungelesene Nachricht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/unread.py" line="102"/>
        <source>%1 unread messages</source>
        <translation>%1 ungelesene Nachrichten</translation>
    </message>
</context>
<context>
    <name>VideoWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/video_window.py" line="86"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/video_window.py" line="142"/>
        <source>This video format cannot be played here.</source>
        <translation>Dieses Videoformat kann hier nicht abgespielt werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/video_window.py" line="164"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/video_window.py" line="164"/>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
</context>
<context>
    <name>VoicePlayer</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/voice_player.py" line="107"/>
        <source>This voice message cannot be played on this PC. (%1)</source>
        <translation>Diese Sprachnachricht kann auf diesem PC nicht abgespielt werden. (%1)</translation>
    </message>
</context>
<context>
    <name>VoiceRecorder</name>
    <message>
        <location filename="../../../desktop_app/ui/chat/voice_recorder.py" line="95"/>
        <source>No microphone was found on this PC; connect one, or ask IT.</source>
        <translation>An diesem PC wurde kein Mikrofon gefunden; bitte schließen Sie eines an oder wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/chat/voice_recorder.py" line="100"/>
        <source>The microphone cannot be used right now; try again, or ask IT. (%1)</source>
        <translation>Das Mikrofon kann gerade nicht verwendet werden; bitte versuchen Sie es erneut oder wenden Sie sich an die IT. (%1)</translation>
    </message>
</context>
</TS>
