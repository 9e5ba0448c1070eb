<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>CalendarWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="46"/>
        <source>Calendar — %1</source>
        <translation>Kalender — %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="72"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="70"/>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="71"/>
        <source>Earlier</source>
        <translation>Früher</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="74"/>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="75"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="77"/>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="78"/>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="79"/>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="80"/>
        <source>Add event …</source>
        <translation>Termin hinzufügen …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="81"/>
        <source>Import .ics …</source>
        <translation>.ics importieren …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="82"/>
        <source>Export .ics …</source>
        <translation>.ics exportieren …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="86"/>
        <source>Export is switched off by your hospital&apos;s policy.</source>
        <translation>Der Export ist durch die Richtlinie Ihres Krankenhauses abgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="274"/>
        <source>Import a calendar</source>
        <translation>Kalender importieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="274"/>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="308"/>
        <source>Calendar files (*.ics)</source>
        <translation>Kalenderdateien (*.ics)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="285"/>
        <source>1 event imported.</source>
        <translation>1 Termin importiert.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="285"/>
        <source>%n events imported.</source>
        <translation>%n Termine importiert.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="294"/>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="305"/>
        <source>Export the calendar</source>
        <translation>Kalender exportieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="296"/>
        <source>The exported file is not encrypted: anyone who can read the folder can read the calendar. Export anyway?</source>
        <translation>Die exportierte Datei ist nicht verschlüsselt: Wer den Ordner lesen kann, kann den Kalender lesen. Trotzdem exportieren?</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="306"/>
        <source>Calendar %1</source>
        <translation>Kalender %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/calendar_window.py" line="317"/>
        <source>Calendar exported.</source>
        <translation>Kalender exportiert.</translation>
    </message>
</context>
<context>
    <name>DueMarker</name>
    <message numerus="yes">
        <location filename="../../../desktop_app/ui/teamwork/due_marker.py" line="24"/>
        <source>%1 (%n fell due)</source>
        <translation>
            <numerusform>%1 (%n fällig geworden)</numerusform>
            <numerusform>%1 (%n fällig geworden)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DutyStrip</name>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/duty_strip.py" line="39"/>
        <source>On duty now</source>
        <translation>Jetzt im Dienst</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/duty_strip.py" line="66"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/duty_strip.py" line="71"/>
        <source> until %1</source>
        <translation> bis %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/duty_strip.py" line="79"/>
        <source>%1: %2 until %3</source>
        <translation>%1: %2 bis %3</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/duty_strip.py" line="96"/>
        <source>On duty now: </source>
        <translation>Jetzt im Dienst: </translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/duty_strip.py" line="68"/>
        <location filename="../../../desktop_app/ui/teamwork/duty_strip.py" line="81"/>
        <source>nobody named</source>
        <translation>niemand eingetragen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/duty_strip.py" line="73"/>
        <location filename="../../../desktop_app/ui/teamwork/duty_strip.py" line="85"/>
        <source> (another calendar names %1)</source>
        <translation> (laut anderem Kalender: %1)</translation>
    </message>
</context>
<context>
    <name>EndField</name>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/end_field.py" line="31"/>
        <source>The end must be after the start.</source>
        <translation>Das Ende muss nach dem Beginn liegen.</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="57"/>
        <source>New event</source>
        <translation>Neuer Termin</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="57"/>
        <source>Edit event</source>
        <translation>Termin bearbeiten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="66"/>
        <source>All day</source>
        <translation>Ganztägig</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="71"/>
        <source>Does not repeat</source>
        <translation>Keine Wiederholung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="72"/>
        <source>Every day</source>
        <translation>Jeden Tag</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="73"/>
        <source>Every weekday (Mon–Fri)</source>
        <translation>Jeden Werktag (Mo–Fr)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="74"/>
        <source>Every week</source>
        <translation>Jede Woche</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="75"/>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="86"/>
        <source>As imported: %1</source>
        <translation>Wie importiert: %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="93"/>
        <source>No duty shift</source>
        <translation>Kein Dienst</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="97"/>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="106"/>
        <source>An event needs a title.</source>
        <translation>Ein Termin braucht einen Titel.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="107"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="108"/>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="110"/>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="112"/>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="113"/>
        <source>Repeats</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="115"/>
        <source>Duty role</source>
        <translation>Dienstrolle</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="116"/>
        <source>On duty</source>
        <translation>Im Dienst</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_dialog.py" line="125"/>
        <source>Delete event</source>
        <translation>Termin löschen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/event_refusal.py" line="26"/>
        <source>A duty shift needs both the duty role and who is on duty.</source>
        <translation>Ein Dienst braucht beides: die Dienstrolle und wer im Dienst ist.</translation>
    </message>
</context>
<context>
    <name>FilesWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="67"/>
        <source>Files — %1</source>
        <translation>Dateien — %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="70"/>
        <source>Search by name</source>
        <translation>Nach Namen suchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="76"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="76"/>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="292"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="76"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="76"/>
        <source>Changed by</source>
        <translation>Geändert von</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="77"/>
        <source>Changed at</source>
        <translation>Geändert am</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="77"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="83"/>
        <source>Add file …</source>
        <translation>Datei hinzufügen …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="85"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="87"/>
        <source>Restore this version</source>
        <translation>Diese Version wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="89"/>
        <source>Save a copy …</source>
        <translation>Kopie speichern …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="91"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="92"/>
        <source>Download the chosen file from the relay again</source>
        <translation>Die gewählte Datei erneut vom Relay laden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="153"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="155"/>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="162"/>
        <source>No files yet.</source>
        <translation>Noch keine Dateien.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="173"/>
        <source>%1 (shared by %2)</source>
        <translation>%1 (geteilt von %2)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="180"/>
        <source>%1 · Not available on this PC (%2) – click to try again</source>
        <translation>%1 · Auf diesem PC nicht verfügbar (%2) – für neuen Versuch anklicken</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="185"/>
        <source>%1 · Not available on this PC – click to try again</source>
        <translation>%1 · Auf diesem PC nicht verfügbar – für neuen Versuch anklicken</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="187"/>
        <source>%1, not on this PC yet</source>
        <translation>%1, noch nicht auf diesem PC</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="191"/>
        <source>Downloading it from the relay did not work, so it cannot be opened, saved or restored here yet. Click it or “Try again” to download it again; if the relay no longer has it, ask whoever added it to add it again.</source>
        <translation>Das Laden vom Relay hat nicht funktioniert; die Datei kann hier deshalb noch nicht geöffnet, gespeichert oder wiederhergestellt werden. Klicken Sie sie oder „Erneut versuchen“ an, um sie erneut zu laden; hat das Relay sie nicht mehr, bitten Sie die Person, die sie hinzugefügt hat, sie erneut hinzuzufügen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="203"/>
        <source>Opening it downloads it from the relay, if the relay still has it.</source>
        <translation>Beim Öffnen wird sie vom Relay geladen, falls das Relay sie noch hat.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="214"/>
        <source>deleted on the relay</source>
        <translation>auf dem Relay gelöscht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="215"/>
        <source>The relay no longer has this file.</source>
        <translation>Das Relay hat diese Datei nicht mehr.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="218"/>
        <source>the relay did not provide it</source>
        <translation>vom Relay nicht geliefert</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="219"/>
        <source>The relay could not provide this file when it was last tried.</source>
        <translation>Das Relay konnte diese Datei beim letzten Versuch nicht liefern.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="222"/>
        <source>arrived damaged</source>
        <translation>beschädigt angekommen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="223"/>
        <source>This file arrived damaged and was not kept.</source>
        <translation>Diese Datei kam beschädigt an und wurde nicht behalten.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="276"/>
        <source>Add a file to this conversation</source>
        <translation>Datei zu dieser Unterhaltung hinzufügen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="295"/>
        <source>Folder (leave empty for none).
A file of the same name in the same folder becomes its next version.</source>
        <translation>Ordner (leer lassen für keinen).
Eine Datei mit demselben Namen im selben Ordner wird deren nächste Version.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="309"/>
        <source>Uploading %1 …</source>
        <translation>%1 wird hochgeladen …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="318"/>
        <source>%1 is stored as version %2.</source>
        <translation>%1 ist als Version %2 gespeichert.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="343"/>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="375"/>
        <source>Downloading %1 from the relay …</source>
        <translation>%1 wird vom Relay geladen …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="355"/>
        <source>Not opened: %1</source>
        <translation>Nicht geöffnet: %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="387"/>
        <source>%1 is still not available: the relay could not provide it; ask whoever shared it to send it again.</source>
        <translation>%1 ist weiterhin nicht verfügbar: Das Relay konnte die Datei nicht liefern; bitten Sie die Person, die sie geteilt hat, sie erneut zu senden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="392"/>
        <source>%1 is now on this PC.</source>
        <translation>%1 ist jetzt auf diesem PC.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="403"/>
        <source>Still not available: %1</source>
        <translation>Weiterhin nicht verfügbar: %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="461"/>
        <source>Version %1 was not restored: %2</source>
        <translation>Version %1 wurde nicht wiederhergestellt: %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/files_window.py" line="468"/>
        <source>Not done: %1</source>
        <translation>Nicht erledigt: %1</translation>
    </message>
</context>
<context>
    <name>HandoverWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="46"/>
        <source>Handover — %1</source>
        <translation>Übergabe — %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="49"/>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="49"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="49"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="53"/>
        <source>Export as PDF …</source>
        <translation>Als PDF exportieren …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="57"/>
        <source>Export is switched off by your hospital&apos;s policy.</source>
        <translation>Der Export ist durch die Richtlinie Ihres Krankenhauses abgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="74"/>
        <source>Not assigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="88"/>
        <source>No open tasks.</source>
        <translation>Keine offenen Aufgaben.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="92"/>
        <source>There are no open tasks to put in a PDF.</source>
        <translation>Es gibt keine offenen Aufgaben für ein PDF.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="106"/>
        <source>due %1</source>
        <translation>fällig %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="116"/>
        <source>Handover %1 %2</source>
        <translation>Übergabe %1 %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="124"/>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="134"/>
        <source>Export the handover</source>
        <translation>Übergabe exportieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="126"/>
        <source>The PDF is not encrypted: anyone who can read the folder or the printout can read the tasks. Export anyway?</source>
        <translation>Das PDF ist nicht verschlüsselt: Wer den Ordner oder den Ausdruck lesen kann, kann die Aufgaben lesen. Trotzdem exportieren?</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="135"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="139"/>
        <source>Handover — %1 — %2</source>
        <translation>Übergabe — %1 — %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/handover.py" line="149"/>
        <source>PDF exported.</source>
        <translation>PDF exportiert.</translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/month_view.py" line="64"/>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../desktop_app/ui/teamwork/month_view.py" line="173"/>
        <source>+%n more</source>
        <translation>
            <numerusform>+%n weiterer</numerusform>
            <numerusform>+%n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message numerus="yes">
        <location filename="../../../desktop_app/ui/teamwork/reminders.py" line="63"/>
        <source>(+%n more)</source>
        <translation>
            <numerusform>(+%n weitere)</numerusform>
            <numerusform>(+%n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/reminders.py" line="68"/>
        <source>1 reminder fell due while WardLink was locked or closed:</source>
        <translation>1 Erinnerung wurde fällig, während WardLink gesperrt oder geschlossen war:</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/reminders.py" line="69"/>
        <source>%n reminders fell due while WardLink was locked or closed:</source>
        <translation>%n Erinnerungen wurden fällig, während WardLink gesperrt oder geschlossen war:</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/reminders.py" line="78"/>
        <source>%1: %2 starts soon</source>
        <translation>%1: %2 beginnt gleich</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/reminders.py" line="78"/>
        <source>%1: %2 is due now</source>
        <translation>%1: %2 ist jetzt fällig</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/reminders.py" line="65"/>
        <location filename="../../../desktop_app/ui/teamwork/reminders.py" line="80"/>
        <source>WardLink reminder</source>
        <translation>WardLink-Erinnerung</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="64"/>
        <source>New task</source>
        <translation>Neue Aufgabe</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="64"/>
        <source>Edit task</source>
        <translation>Aufgabe bearbeiten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="92"/>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="101"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="112"/>
        <source>Urgent</source>
        <translation>Dringend</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="120"/>
        <source>A task needs a title.</source>
        <translation>Eine Aufgabe braucht einen Titel.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="121"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="122"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="173"/>
        <source>The checklist is full: a task holds at most %1 items, removed ones included. Please make a new task for further items.</source>
        <translation>Die Checkliste ist voll: Eine Aufgabe fasst höchstens %1 Punkte, entfernte mitgezählt. Bitte legen Sie für weitere Punkte eine neue Aufgabe an.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="178"/>
        <source>At most %1 new items at a time: press OK, then open the task again to add more.</source>
        <translation>Höchstens %1 neue Punkte auf einmal: Drücken Sie OK und öffnen Sie die Aufgabe dann erneut, um weitere hinzuzufügen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="72"/>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="123"/>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="77"/>
        <source>New checklist item, Enter adds it</source>
        <translation>Neuer Checklistenpunkt, Eingabetaste fügt ihn hinzu</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="124"/>
        <source>Assigned to</source>
        <translation>Zugewiesen an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_dialog.py" line="128"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>TaskTable</name>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_table.py" line="29"/>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_table.py" line="30"/>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_table.py" line="31"/>
        <source>Assigned to</source>
        <translation>Zugewiesen an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_table.py" line="32"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_table.py" line="33"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_table.py" line="34"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_table.py" line="37"/>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_table.py" line="46"/>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/task_table.py" line="102"/>
        <source>%1 of %2 items done</source>
        <translation>%1 von %2 Punkten erledigt</translation>
    </message>
</context>
<context>
    <name>TasksWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/tasks_window.py" line="42"/>
        <source>My tasks</source>
        <translation>Meine Aufgaben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/tasks_window.py" line="42"/>
        <source>Tasks — %1</source>
        <translation>Aufgaben — %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/tasks_window.py" line="49"/>
        <source>Add task …</source>
        <translation>Aufgabe hinzufügen …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/tasks_window.py" line="51"/>
        <source>Edit …</source>
        <translation>Bearbeiten …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/tasks_window.py" line="53"/>
        <source>Start</source>
        <translation>Beginnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/tasks_window.py" line="55"/>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/tasks_window.py" line="57"/>
        <source>Cancel task</source>
        <translation>Aufgabe abbrechen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/tasks_window.py" line="59"/>
        <source>Open message</source>
        <translation>Nachricht öffnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/tasks_window.py" line="61"/>
        <source>Handover …</source>
        <translation>Übergabe …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/tasks_window.py" line="97"/>
        <source>No tasks yet.</source>
        <translation>Noch keine Aufgaben.</translation>
    </message>
</context>
<context>
    <name>Teamwork</name>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="17"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="18"/>
        <source>In progress</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="19"/>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="20"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="26"/>
        <source>Urgent</source>
        <translation>Dringend</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="63"/>
        <source>Mon</source>
        <translation>Mo</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="64"/>
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="65"/>
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="66"/>
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="67"/>
        <source>Fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="68"/>
        <source>Sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="69"/>
        <source>Sun</source>
        <translation>So</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="87"/>
        <source>until %1</source>
        <translation>bis %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/wording.py" line="95"/>
        <source>This event repeats more often than WardLink shows (over 5,000 times, or more than 24 times a day); only part of it is shown. Edit it to set a repetition within these limits.</source>
        <translation>Dieser Termin wiederholt sich öfter, als WardLink anzeigt (über 5.000-mal oder mehr als 24-mal am Tag); nur ein Teil davon wird angezeigt. Bearbeiten Sie ihn, um eine Wiederholung innerhalb dieser Grenzen festzulegen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/clock_change.py" line="27"/>
        <source>%1 does not exist: that night the clocks go forward one hour. Choose a time before or after the hour they skip.</source>
        <translation>%1 gibt es nicht: In dieser Nacht wird die Uhr eine Stunde vorgestellt. Bitte eine Zeit vor oder nach der übersprungenen Stunde wählen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/clock_change.py" line="33"/>
        <source>%1 happens twice: that night the clocks go back one hour. Choose a time before or after the hour they repeat.</source>
        <translation>%1 gibt es zweimal: In dieser Nacht wird die Uhr eine Stunde zurückgestellt. Bitte eine Zeit vor oder nach der doppelten Stunde wählen.</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <location filename="../../../desktop_app/ui/teamwork/week_view.py" line="79"/>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
</context>
</TS>
