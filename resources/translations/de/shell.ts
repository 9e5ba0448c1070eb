<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AppController</name>
    <message>
        <location filename="../../../desktop_app/ui/app_controller.py" line="185"/>
        <source>WardLink</source>
        <translation>WardLink</translation>
    </message>
</context>
<context>
    <name>ConnectionLabel</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="18"/>
        <source>Connection state</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="32"/>
        <source>● Connected to relay {relay}</source>
        <translation>● Verbunden mit Relay {relay}</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="35"/>
        <source>◌ Searching for the relay…</source>
        <translation>◌ Relay wird gesucht…</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="38"/>
        <source>○ Offline</source>
        <translation>○ Offline</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="43"/>
        <source>1 message waiting to be sent</source>
        <translation>1 Nachricht wartet auf Versand</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="44"/>
        <source>%n messages waiting to be sent</source>
        <translation>%n Nachrichten warten auf Versand</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="49"/>
        <source>Messages cannot be saved on this PC</source>
        <translation>Nachrichten können auf diesem PC nicht gespeichert werden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="56"/>
        <source>Messages for you wait on the relay until they can be saved.</source>
        <translation>Nachrichten an Sie warten auf dem Relay, bis sie gespeichert werden können.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="60"/>
        <source>This PC&apos;s certificate expires soon; ask IT</source>
        <translation>Das Zertifikat dieses PCs läuft bald ab; bitte die IT fragen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="71"/>
        <source>This PC&apos;s certificate has expired; please ask your IT department to renew it.</source>
        <translation>Das Zertifikat dieses PCs ist abgelaufen; bitte wenden Sie sich an die IT-Abteilung, damit es erneuert wird.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="74"/>
        <source>This PC&apos;s certificate expires on %1 and could not be renewed; please ask your IT department to renew it.</source>
        <translation>Das Zertifikat dieses PCs läuft am %1 ab und konnte nicht erneuert werden; bitte wenden Sie sich an die IT-Abteilung.</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="73"/>
        <source>You: %1</source>
        <translation>Sie: %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="258"/>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="259"/>
        <source>Search conversations</source>
        <translation>Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="269"/>
        <source>No results</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="277"/>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="383"/>
        <source>Export conversation …</source>
        <translation>Unterhaltung exportieren …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="384"/>
        <source>Delete conversation …</source>
        <translation>Unterhaltung löschen …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="400"/>
        <source>Disappearing messages</source>
        <translation>Verschwindende Nachrichten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="408"/>
        <source>Export conversation</source>
        <translation>Unterhaltung exportieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="411"/>
        <source>Exporting is switched off by your IT department.</source>
        <translation>Das Exportieren hat Ihre IT-Abteilung ausgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="417"/>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="418"/>
        <source>PDF (*.pdf);;FHIR R4 Bundle (*.json)</source>
        <translation>PDF (*.pdf);;FHIR-R4-Bundle (*.json)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="437"/>
        <source>Exported 1 message. The file is NOT encrypted: keep it only where patient data may be stored.</source>
        <translation>1 Nachricht exportiert. Die Datei ist NICHT verschlüsselt: Speichern Sie sie nur dort, wo Patientendaten liegen dürfen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="441"/>
        <source>Exported %n messages. The file is NOT encrypted: keep it only where patient data may be stored.</source>
        <translation>%n Nachrichten exportiert. Die Datei ist NICHT verschlüsselt: Speichern Sie sie nur dort, wo Patientendaten liegen dürfen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="454"/>
        <source>Delete conversation</source>
        <translation>Unterhaltung löschen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="457"/>
        <source>Delete the conversation “%1” with all its messages and attachments from this PC? It cannot be restored. Other members keep their copy.</source>
        <translation>Die Unterhaltung „%1“ mit allen Nachrichten und Anhängen von diesem PC löschen? Sie kann nicht wiederhergestellt werden. Andere Mitglieder behalten ihre Kopie.</translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message numerus="yes">
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="98"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n ungelesen</numerusform>
            <numerusform>%n ungelesen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="99"/>
        <source>muted</source>
        <translation>stummgeschaltet</translation>
    </message>
</context>
<context>
    <name>DataRemoval</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/data_removal.py" line="60"/>
        <source>Your WardLink data on this PC was deleted.</source>
        <translation>Ihre WardLink-Daten auf diesem PC wurden gelöscht.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/data_removal.py" line="67"/>
        <source>This device was withdrawn by IT; its WardLink data on this PC has been deleted.</source>
        <translation>Dieses Gerät wurde von der IT zurückgezogen; seine WardLink-Daten auf diesem PC wurden gelöscht.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/data_removal.py" line="70"/>
        <source>This device was withdrawn by IT; its WardLink data on this PC was kept.</source>
        <translation>Dieses Gerät wurde von der IT zurückgezogen; seine WardLink-Daten auf diesem PC bleiben erhalten.</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="61"/>
        <source>The passphrase needs at least %minimum characters.</source>
        <translation>Die Passphrase braucht mindestens %minimum Zeichen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="64"/>
        <source>The passphrase is too long.</source>
        <translation>Die Passphrase ist zu lang.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="65"/>
        <source>The passphrase repeats too few characters.</source>
        <translation>Die Passphrase besteht aus zu wenigen verschiedenen Zeichen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="68"/>
        <source>A PIN consists of digits only.</source>
        <translation>Eine PIN besteht nur aus Ziffern.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="69"/>
        <source>A PIN has %minimum to %maximum digits.</source>
        <translation>Eine PIN hat %minimum bis %maximum Ziffern.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="70"/>
        <source>This PIN is too easy to guess (repeated or consecutive digits).</source>
        <translation>Diese PIN ist zu leicht zu erraten (wiederholte oder aufeinanderfolgende Ziffern).</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="221"/>
        <source>You are in a call already; hang up first.</source>
        <translation>Sie sind bereits in einem Anruf; bitte zuerst auflegen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="222"/>
        <source>That is not a group call.</source>
        <translation>Das ist kein Gruppenanruf.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="223"/>
        <source>That group call invitation no longer rings.</source>
        <translation>Diese Einladung zum Gruppenanruf klingelt nicht mehr.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="224"/>
        <source>%name is not in the group call any more.</source>
        <translation>%name ist nicht mehr im Gruppenanruf.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="225"/>
        <source>The group call is full: %maximum people are in it already.</source>
        <translation>Der Gruppenanruf ist voll: %maximum Personen sind bereits darin.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="228"/>
        <source>A group call needs a group conversation.</source>
        <translation>Ein Gruppenanruf braucht eine Gruppenunterhaltung.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="229"/>
        <source>This is a group conversation: start a group call instead.</source>
        <translation>Dies ist eine Gruppenunterhaltung: bitte einen Gruppenanruf starten.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="232"/>
        <source>%name has no device that can be called.</source>
        <translation>%name hat kein Gerät, das angerufen werden kann.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="233"/>
        <source>Calls are switched off on this PC by your IT department.</source>
        <translation>Anrufe sind auf diesem PC von Ihrer IT-Abteilung abgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="236"/>
        <source>Video calls are switched off on this PC by your IT department.</source>
        <translation>Videoanrufe sind auf diesem PC von Ihrer IT-Abteilung abgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="14"/>
        <source>This conversation is no longer on this PC.</source>
        <translation>Diese Unterhaltung ist nicht mehr auf diesem PC.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="15"/>
        <source>This message is no longer on this PC.</source>
        <translation>Diese Nachricht ist nicht mehr auf diesem PC.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="16"/>
        <source>The message you are replying to is no longer in this conversation.</source>
        <translation>Die Nachricht, auf die Sie antworten, ist nicht mehr in dieser Unterhaltung.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="33"/>
        <source>You cannot start a conversation with yourself.</source>
        <translation>Sie können keine Unterhaltung mit sich selbst beginnen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="36"/>
        <source>A new conversation needs the connection to the relay (to check the person&apos;s devices); existing conversations also work offline.</source>
        <translation>Für eine neue Unterhaltung braucht WardLink die Verbindung zum Relay (um die Geräte der Person zu prüfen); bestehende Unterhaltungen funktionieren auch offline.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="40"/>
        <source>Nobody else in this conversation has a device that can receive messages.</source>
        <translation>Niemand sonst in dieser Unterhaltung hat ein Gerät, das Nachrichten empfangen kann.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="51"/>
        <source>Only members or functional accounts can be mentioned, not %who.</source>
        <translation>Erwähnt werden können nur Mitglieder oder Funktionskonten, nicht %who.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="54"/>
        <source>Only an urgent message can be escalated to someone.</source>
        <translation>Nur eine dringende Nachricht kann an jemanden eskaliert werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="61"/>
        <source>Nobody else holds %role right now.</source>
        <translation>Außer Ihnen hat gerade niemand %role inne.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="62"/>
        <source>Writing to %role needs the connection to the relay (to find out who holds it now).</source>
        <translation>Um an %role zu schreiben, braucht WardLink die Verbindung zum Relay (um zu erfahren, wer es gerade innehat).</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="66"/>
        <source>%name is not a file.</source>
        <translation>%name ist keine Datei.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="67"/>
        <source>A group needs at least one other person.</source>
        <translation>Eine Gruppe braucht mindestens eine weitere Person.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="44"/>
        <source>No device is enrolled for %who yet; messages cannot be delivered.</source>
        <translation>Für %who ist noch kein Gerät registriert; Nachrichten können nicht zugestellt werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="21"/>
        <source>This message came from an earlier WardLink version; a reply to it would reach nobody. Write a new message instead.</source>
        <translation>Diese Nachricht stammt aus einer früheren WardLink-Version; eine Antwort darauf würde niemanden erreichen. Schreiben Sie stattdessen eine neue Nachricht.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="25"/>
        <source>This message came from an earlier WardLink version; a reaction to it would reach nobody.</source>
        <translation>Diese Nachricht stammt aus einer früheren WardLink-Version; eine Reaktion darauf würde niemanden erreichen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="29"/>
        <source>This message came from an earlier WardLink version; pinning or unpinning it would reach nobody.</source>
        <translation>Diese Nachricht stammt aus einer früheren WardLink-Version; sie anzuheften oder zu lösen würde niemanden erreichen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="48"/>
        <source>Someone you chose is no longer in the staff directory.</source>
        <translation>Jemand der Ausgewählten steht nicht mehr im Mitarbeiterverzeichnis.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="57"/>
        <source>The chosen escalation target is not in the staff directory; urgent messages can only be escalated to a person or functional account of the directory.</source>
        <translation>Das gewählte Eskalationsziel steht nicht im Mitarbeiterverzeichnis; dringende Nachrichten können nur an eine Person oder ein Funktionskonto aus dem Verzeichnis eskaliert werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="68"/>
        <source>Nobody you chose has an enrolled device yet.</source>
        <translation>Niemand der Ausgewählten hat schon ein registriertes Gerät.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="72"/>
        <source>A 1:1 conversation always has these two people; start a group to add someone.</source>
        <translation>Eine 1:1-Unterhaltung hat immer diese beiden Personen; für weitere Personen starten Sie eine Gruppe.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="76"/>
        <source>Only the group&apos;s admins can add or remove members.</source>
        <translation>Nur die Admins der Gruppe können Mitglieder hinzufügen oder entfernen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="77"/>
        <source>Only the group&apos;s admins can rename it.</source>
        <translation>Nur die Admins der Gruppe können sie umbenennen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="78"/>
        <source>A 1:1 conversation has no name of its own; start a group.</source>
        <translation>Eine 1:1-Unterhaltung hat keinen eigenen Namen; starten Sie dafür eine Gruppe.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="81"/>
        <source>A group needs a name.</source>
        <translation>Eine Gruppe braucht einen Namen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="82"/>
        <source>At most %maximum messages can be pinned; unpin one first.</source>
        <translation>Höchstens %maximum Nachrichten können angeheftet sein; lösen Sie zuerst eine.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="85"/>
        <source>The changed text must be 1 to %maximum characters long.</source>
        <translation>Der geänderte Text muss 1 bis %maximum Zeichen lang sein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="88"/>
        <source>This message is older than %days days; it can no longer be deleted for everyone.</source>
        <translation>Diese Nachricht ist älter als %days Tage; sie kann nicht mehr für alle gelöscht werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="92"/>
        <source>An urgent message cannot be changed: its acknowledgements answer its text. Send a new urgent message instead.</source>
        <translation>Eine dringende Nachricht kann nicht bearbeitet werden: Ihre Bestätigungen gelten ihrem Text. Senden Sie stattdessen eine neue dringende Nachricht.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="97"/>
        <source>Only the sender of a message can edit or delete it.</source>
        <translation>Nur wer eine Nachricht gesendet hat, kann sie bearbeiten oder löschen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="100"/>
        <source>Message info is only available for your own messages.</source>
        <translation>Die Nachrichteninfo gibt es nur für Ihre eigenen Nachrichten.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="103"/>
        <source>Forwarding messages is switched off by your IT department.</source>
        <translation>Das Weiterleiten von Nachrichten ist von Ihrer IT-Abteilung abgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="106"/>
        <source>Only messages and files can be forwarded.</source>
        <translation>Nur Nachrichten und Dateien können weitergeleitet werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="107"/>
        <source>A file of this message is not on this PC yet; download it first.</source>
        <translation>Eine Datei dieser Nachricht ist noch nicht auf diesem PC; laden Sie sie zuerst herunter.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="110"/>
        <source>Exporting from WardLink is switched off by your IT department; nothing was saved.</source>
        <translation>Das Exportieren aus WardLink ist von Ihrer IT-Abteilung abgeschaltet; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="114"/>
        <source>Choose 1 to %maximum hours.</source>
        <translation>Wählen Sie 1 bis %maximum Stunden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="115"/>
        <source>Only an admin of the group can change disappearing messages.</source>
        <translation>Nur ein Admin der Gruppe kann verschwindende Nachrichten ändern.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="118"/>
        <source>At most %maximum conversations can be pinned; unpin one first.</source>
        <translation>Höchstens %maximum Unterhaltungen können angeheftet werden; lösen Sie zuerst eine.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="121"/>
        <source>Your IT department has set when WardLink locks automatically.</source>
        <translation>Ihre IT-Abteilung hat festgelegt, wann WardLink automatisch sperrt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="124"/>
        <source>WardLink can lock automatically after %minimum to %maximum minutes.</source>
        <translation>WardLink kann nach %minimum bis %maximum Minuten automatisch sperren.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="127"/>
        <source>Your IT department has set whether read receipts are sent.</source>
        <translation>Ihre IT-Abteilung hat festgelegt, ob Lesebestätigungen gesendet werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="130"/>
        <source>WardLink speaks German and English.</source>
        <translation>WardLink spricht Deutsch und Englisch.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="131"/>
        <source>This device&apos;s key changed while you compared; compare again.</source>
        <translation>Der Schlüssel dieses Geräts hat sich während des Vergleichs geändert; vergleichen Sie bitte erneut.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="134"/>
        <source>This device is no longer known on this PC.</source>
        <translation>Dieses Gerät ist auf diesem PC nicht mehr bekannt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="135"/>
        <source>This device was revoked by IT; there is nothing to compare.</source>
        <translation>Dieses Gerät wurde von der IT gesperrt; es gibt nichts zu vergleichen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="138"/>
        <source>This is your own device.</source>
        <translation>Das ist Ihr eigenes Gerät.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="34"/>
        <source>This task is no longer on this PC.</source>
        <translation>Diese Aufgabe ist nicht mehr auf diesem PC.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="35"/>
        <source>This task has not fully arrived on this PC yet; try again in a moment.</source>
        <translation>Diese Aufgabe ist noch nicht vollständig auf diesem PC angekommen; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="39"/>
        <source>This task cannot be saved: an entry is too long or not valid.</source>
        <translation>Diese Aufgabe kann nicht gespeichert werden: Ein Eintrag ist zu lang oder ungültig.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="42"/>
        <source>This task&apos;s checklist is full (removed items count too). Please make a new task for further items.</source>
        <translation>Die Checkliste dieser Aufgabe ist voll (entfernte Punkte zählen mit). Bitte legen Sie für weitere Punkte eine neue Aufgabe an.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="46"/>
        <source>%who is neither a member of this conversation nor a functional account.</source>
        <translation>%who ist weder Mitglied dieser Unterhaltung noch ein Funktionskonto.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="50"/>
        <source>This event is no longer on this PC.</source>
        <translation>Dieser Termin ist nicht mehr auf diesem PC.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="51"/>
        <source>This event belongs to another conversation.</source>
        <translation>Dieser Termin gehört zu einer anderen Unterhaltung.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="52"/>
        <source>This event cannot be saved: its title or notes are too long, or its start and end are not valid.</source>
        <translation>Dieser Termin kann nicht gespeichert werden: Titel oder Notizen sind zu lang, oder Beginn und Ende sind ungültig.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="56"/>
        <source>This event cannot be saved because of how it repeats: a repeating event must start before %year, and a repetition taken over from a calendar file may be one WardLink does not support. Choose another repetition or &quot;Does not repeat&quot;.</source>
        <translation>Dieser Termin kann wegen seiner Wiederholung nicht gespeichert werden: Ein sich wiederholender Termin muss vor %year beginnen, und eine aus einer Kalenderdatei übernommene Wiederholung unterstützt WardLink vielleicht nicht. Wählen Sie eine andere Wiederholung oder „Keine Wiederholung“.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="60"/>
        <source>This calendar file cannot be imported: it is not an iCalendar (.ics) file, it is too large, or one of its events is not valid.</source>
        <translation>Diese Kalenderdatei kann nicht importiert werden: Sie ist keine iCalendar-Datei (.ics), sie ist zu groß, oder einer ihrer Termine ist ungültig.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="64"/>
        <source>No more task or calendar changes are possible in this conversation; please tell IT.</source>
        <translation>In dieser Unterhaltung sind keine weiteren Änderungen an Aufgaben oder Terminen möglich; bitte wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="68"/>
        <source>More than %maximum task and calendar changes are waiting for the relay; connect this PC before changing more.</source>
        <translation>Mehr als %maximum Änderungen an Aufgaben und Terminen warten auf das Relay; verbinden Sie diesen PC, bevor Sie weitere Änderungen vornehmen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="78"/>
        <source>%name cannot be found on this PC (any more); please choose it again. (%detail)</source>
        <translation>%name ist auf diesem PC nicht (mehr) zu finden; bitte wählen Sie die Datei erneut. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="82"/>
        <source>This PC does not allow WardLink to read %name; copy it to another folder first, or ask IT. (%detail)</source>
        <translation>Dieser PC erlaubt WardLink nicht, %name zu lesen; kopieren Sie die Datei zuerst in einen anderen Ordner oder fragen Sie die IT. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="86"/>
        <source>%name is a folder, not a file; please choose a file. (%detail)</source>
        <translation>%name ist ein Ordner, keine Datei; bitte wählen Sie eine Datei. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="89"/>
        <source>%name could not be read on this PC; try again, and tell IT if it persists. (%detail)</source>
        <translation>%name konnte auf diesem PC nicht gelesen werden; versuchen Sie es erneut und wenden Sie sich an die IT, wenn das anhält. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="93"/>
        <source>There is not enough space to save %name there; nothing was saved. Choose another place, or tell IT. (%detail)</source>
        <translation>Dort ist nicht genug Platz, um %name zu speichern; es wurde nichts gespeichert. Wählen Sie einen anderen Ort oder wenden Sie sich an die IT. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="97"/>
        <source>WardLink may not save %name in that folder; nothing was saved. Please choose another folder. (%detail)</source>
        <translation>WardLink darf %name nicht in diesem Ordner speichern; es wurde nichts gespeichert. Bitte wählen Sie einen anderen Ordner. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="101"/>
        <source>%name could not be saved there; nothing was saved. Choose another place, and tell IT if it persists. (%detail)</source>
        <translation>%name konnte dort nicht gespeichert werden; es wurde nichts gespeichert. Wählen Sie einen anderen Ort und wenden Sie sich an die IT, wenn das anhält. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="105"/>
        <source>%name could not be downloaded from the relay; try again later.</source>
        <translation>%name konnte nicht vom Relay geladen werden; bitte versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="108"/>
        <source>%name is not on this PC, and the relay no longer has it; ask whoever added it to add it again.</source>
        <translation>%name ist nicht auf diesem PC, und das Relay hat die Datei nicht mehr; bitten Sie die Person, die sie hinzugefügt hat, sie erneut hinzuzufügen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="112"/>
        <source>%name arrived damaged and was not kept; try again, or ask whoever added it to add it again.</source>
        <translation>%name kam beschädigt an und wurde nicht behalten; versuchen Sie es erneut oder bitten Sie die Person, die sie hinzugefügt hat, sie erneut hinzuzufügen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="116"/>
        <source>%name is larger than the relay accepts.</source>
        <translation>%name ist größer, als das Relay annimmt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="117"/>
        <source>%name is too large to open here; save a copy instead.</source>
        <translation>%name ist zu groß, um hier geöffnet zu werden; bitte eine Kopie speichern.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="120"/>
        <source>Someone stored a version of %name at the same moment; try again.</source>
        <translation>Jemand hat im selben Moment eine Version von %name gespeichert; bitte erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="123"/>
        <source>%name is no longer among this conversation&apos;s files.</source>
        <translation>%name ist nicht mehr unter den Dateien dieser Unterhaltung.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="126"/>
        <source>%name has no version %version on this PC.</source>
        <translation>Von %name gibt es auf diesem PC keine Version %version.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="127"/>
        <source>%name cannot be shared: the file or folder name is too long or contains characters that are not allowed.</source>
        <translation>%name kann nicht geteilt werden: Der Datei- oder Ordnername ist zu lang oder enthält unzulässige Zeichen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="131"/>
        <source>%name has no version number left; upload it as a new document instead.</source>
        <translation>Für %name ist keine Versionsnummer mehr frei; laden Sie die Datei stattdessen als neues Dokument hoch.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="135"/>
        <source>You have shared %maximum versions in this conversation, the most one member may.</source>
        <translation>Sie haben in dieser Unterhaltung bereits %maximum Versionen geteilt, mehr sind pro Mitglied nicht möglich.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="139"/>
        <source>%name changed while it was copied; try again.</source>
        <translation>%name hat sich beim Kopieren verändert; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="140"/>
        <source>The relay stored something other than what was sent; try again.</source>
        <translation>Das Relay hat etwas anderes gespeichert, als gesendet wurde; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="143"/>
        <source>The relay already holds another file under this new id; try again.</source>
        <translation>Das Relay hat unter dieser neuen Kennung bereits eine andere Datei; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="146"/>
        <source>The file changed while it was being sent; try again.</source>
        <translation>Die Datei hat sich beim Senden verändert; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="149"/>
        <source>This file is no longer part of the message.</source>
        <translation>Diese Datei gehört nicht mehr zur Nachricht.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="150"/>
        <source>This file is too large to open in the viewer.</source>
        <translation>Diese Datei ist zu groß, um sie im Betrachter zu öffnen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="151"/>
        <source>This series is too large to open in the viewer.</source>
        <translation>Diese Serie ist zu groß, um sie im Betrachter zu öffnen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="154"/>
        <source>These annotations cannot be shown: they are damaged, or their image is too large to open.</source>
        <translation>Diese Markierungen können nicht angezeigt werden: Sie sind beschädigt, oder ihr Bild ist zu groß zum Öffnen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="158"/>
        <source>The message with the annotated image is no longer in this conversation.</source>
        <translation>Die Nachricht mit dem markierten Bild ist nicht mehr in dieser Unterhaltung.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="161"/>
        <source>%name cannot be sent as a study: it must be a folder, DICOMDIR or ZIP with DICOM images, within the limits for size and number of files.</source>
        <translation>%name kann nicht als Studie gesendet werden: Es muss ein Ordner, ein DICOMDIR oder ein ZIP mit DICOM-Bildern sein, innerhalb der Grenzen für Größe und Anzahl der Dateien.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="165"/>
        <source>%name could not be read: a file changed or disappeared while it was read; try again.</source>
        <translation>%name konnte nicht gelesen werden: Eine Datei hat sich beim Lesen verändert oder ist verschwunden; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="169"/>
        <source>This study cannot be opened; its data is damaged.</source>
        <translation>Diese Studie kann nicht geöffnet werden; ihre Daten sind beschädigt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="172"/>
        <source>Series %number of this study has not arrived yet.</source>
        <translation>Serie %number dieser Studie ist noch nicht angekommen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="175"/>
        <source>Nothing of this study has arrived yet.</source>
        <translation>Von dieser Studie ist noch nichts angekommen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="176"/>
        <source>This key image note cannot be read.</source>
        <translation>Dieser Schlüsselbild-Verweis kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="177"/>
        <source>The study this key image belongs to is not on this PC.</source>
        <translation>Die Studie, zu der dieses Schlüsselbild gehört, ist nicht auf diesem PC.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="180"/>
        <source>The image marked as key image is not in this study.</source>
        <translation>Das als Schlüsselbild markierte Bild ist nicht in dieser Studie.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="189"/>
        <source>This is not a video clip WardLink can play (MP4, MOV or WebM).</source>
        <translation>Dies ist kein Videoclip, den WardLink abspielen kann (MP4, MOV oder WebM).</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="192"/>
        <source>Video clips need a component (PyAV) that is not installed on this PC; please tell IT.</source>
        <translation>Für Videoclips fehlt auf diesem PC ein Bestandteil (PyAV); bitte wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="196"/>
        <source>Video clips can be at most %maximum MB.</source>
        <translation>Videoclips dürfen höchstens %maximum MB groß sein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="197"/>
        <source>The picture size of this video clip is not supported.</source>
        <translation>Die Bildgröße dieses Videoclips wird nicht unterstützt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="200"/>
        <source>This video clip is damaged.</source>
        <translation>Dieser Videoclip ist beschädigt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="201"/>
        <source>This video clip is too long.</source>
        <translation>Dieser Videoclip ist zu lang.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="202"/>
        <source>Voice messages need a component (PyAV) that is not installed on this PC; please tell IT.</source>
        <translation>Für Sprachnachrichten fehlt auf diesem PC ein Bestandteil (PyAV); bitte wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="206"/>
        <source>The recording is empty.</source>
        <translation>Die Aufnahme ist leer.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="207"/>
        <source>Voice messages can be at most %minutes minutes long.</source>
        <translation>Sprachnachrichten dürfen höchstens %minutes Minuten lang sein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="210"/>
        <source>The microphone records at %rate Hz, which WardLink cannot use; choose another microphone.</source>
        <translation>Das Mikrofon nimmt mit %rate Hz auf, damit kann WardLink nicht arbeiten; wählen Sie ein anderes Mikrofon.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="214"/>
        <source>This voice message is damaged.</source>
        <translation>Diese Sprachnachricht ist beschädigt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="245"/>
        <source>Not connected to the relay; try again when connected.</source>
        <translation>Keine Verbindung zum Relay; versuchen Sie es erneut, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="248"/>
        <source>The connection to the relay was lost; try again when connected.</source>
        <translation>Die Verbindung zum Relay ist abgebrochen; versuchen Sie es erneut, sobald sie wieder steht.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="251"/>
        <source>The relay did not answer in time; try again.</source>
        <translation>Das Relay hat nicht rechtzeitig geantwortet; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="252"/>
        <source>The relay answered in a way WardLink does not understand; try again, and tell IT if it persists.</source>
        <translation>Das Relay hat in einer Weise geantwortet, die WardLink nicht versteht; versuchen Sie es erneut und wenden Sie sich an die IT, wenn das anhält.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="256"/>
        <source>The relay at %address cannot be reached.</source>
        <translation>Das Relay unter %address ist nicht erreichbar.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="257"/>
        <source>The relay at %address cannot serve right now; WardLink tries again.</source>
        <translation>Das Relay unter %address kann gerade nicht arbeiten; WardLink versucht es erneut.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="260"/>
        <source>None of the relays WardLink knows could be reached (%tried).</source>
        <translation>Keines der WardLink bekannten Relays war erreichbar (%tried).</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="263"/>
        <source>Relays of your hospital were found on the network, but none accepted a connection in time; WardLink keeps trying.</source>
        <translation>Im Netzwerk wurden Relays Ihres Krankenhauses gefunden, aber keines hat die Verbindung rechtzeitig angenommen; WardLink versucht es weiter.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="267"/>
        <source>No relay of your hospital answered on the network; WardLink keeps looking.</source>
        <translation>Im Netzwerk hat sich kein Relay Ihres Krankenhauses gemeldet; WardLink sucht weiter.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="271"/>
        <source>No relay address is known on this PC and looking for one on the network is switched off; ask IT for the relay address.</source>
        <translation>Auf diesem PC ist keine Relay-Adresse bekannt, und die Suche im Netzwerk ist abgeschaltet; fragen Sie die IT nach der Relay-Adresse.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="275"/>
        <source>No WardLink relay answers at this address.</source>
        <translation>Unter dieser Adresse antwortet kein WardLink-Relay.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="276"/>
        <source>The relay cannot store messages right now. Nothing is lost: what you sent stays unsent here and goes out on the next connection; tell IT if it persists.</source>
        <translation>Das Relay kann gerade keine Nachrichten speichern. Es geht nichts verloren: Was Sie gesendet haben, bleibt hier ungesendet und geht bei der nächsten Verbindung hinaus; wenden Sie sich an die IT, wenn das anhält.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="280"/>
        <source>The relay cannot store this now. It stays unsent and is tried again later (once colleagues have picked up their messages); tell IT if it persists.</source>
        <translation>Das Relay kann dies gerade nicht speichern. Es bleibt ungesendet und wird später erneut versucht (sobald Kolleginnen und Kollegen ihre Nachrichten abgeholt haben); wenden Sie sich an die IT, wenn das anhält.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="284"/>
        <source>The relay refused this (%code: %message).</source>
        <translation>Das Relay hat dies abgelehnt (%code: %message).</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="285"/>
        <source>You took over this role %count times in the last %minutes minutes; try again in a few minutes, or ask IT to hand it over.</source>
        <translation>Sie haben diese Rolle in den letzten %minutes Minuten %count-mal übernommen; versuchen Sie es in einigen Minuten erneut, oder bitten Sie die IT, sie Ihnen zu übergeben.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="289"/>
        <source>The relay address %address is not of the form HOST:PORT.</source>
        <translation>Die Relay-Adresse %address hat nicht die Form HOST:PORT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="292"/>
        <source>No relay address given: HOST:PORT, or several separated by commas.</source>
        <translation>Keine Relay-Adresse angegeben: HOST:PORT, oder mehrere durch Kommas getrennt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="295"/>
        <source>More than %maximum relay addresses given.</source>
        <translation>Mehr als %maximum Relay-Adressen angegeben.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="296"/>
        <source>The relay at %address does not belong to your hospital; WardLink sent nothing to it and keeps trying. Please tell IT. (%detail)</source>
        <translation>Das Relay unter %address gehört nicht zu Ihrem Krankenhaus; WardLink hat nichts dorthin gesendet und versucht es weiter. Bitte wenden Sie sich an die IT. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="300"/>
        <source>A certificate of the relay at %address is expired or not yet valid, so WardLink cannot connect. If this PC&apos;s date and time are right, please tell IT. (%detail)</source>
        <translation>Ein Zertifikat des Relays unter %address ist abgelaufen oder noch nicht gültig; WardLink kann sich deshalb nicht verbinden. Wenn Datum und Uhrzeit dieses PCs stimmen, wenden Sie sich bitte an die IT. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="304"/>
        <source>WardLink cannot confirm that the relay at %address belongs to your hospital, so it sent nothing to it. Please tell IT. (%detail)</source>
        <translation>WardLink kann nicht bestätigen, dass das Relay unter %address zu Ihrem Krankenhaus gehört, und hat deshalb nichts dorthin gesendet. Bitte wenden Sie sich an die IT. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="314"/>
        <source>This person has not joined a hospital on this PC yet; use “Join my hospital” with the code from IT.</source>
        <translation>Diese Person ist auf diesem PC noch keinem Krankenhaus beigetreten; verwenden Sie „Meinem Krankenhaus beitreten“ mit dem Code der IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="318"/>
        <source>Waiting for IT to confirm this device; try again later with the same code. (Device key: %fingerprint)</source>
        <translation>Warten auf die Bestätigung dieses Geräts durch die IT; versuchen Sie es später mit demselben Code erneut. (Geräteschlüssel: %fingerprint)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="330"/>
        <source>None of the relays on the network belongs to your hospital or accepted the code (%problems). Ask IT for the relay address.</source>
        <translation>Keines der Relays im Netz gehört zu Ihrem Krankenhaus oder hat den Code angenommen (%problems). Bitte erfragen Sie die Relay-Adresse bei der IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="334"/>
        <source>This enrollment code is not valid. Please check it for typing errors, or ask IT for a new code. (%detail)</source>
        <translation>Dieser Registrierungscode ist ungültig. Bitte prüfen Sie ihn auf Tippfehler oder bitten Sie die IT um einen neuen Code. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="338"/>
        <source>The relay at %address does not belong to your hospital (or the code is from another hospital); nothing was sent to it. Please ask IT for the right relay address. (%detail)</source>
        <translation>Das Relay unter %address gehört nicht zu Ihrem Krankenhaus (oder der Code stammt von einem anderen Krankenhaus); es wurde nichts dorthin gesendet. Bitte fragen Sie die IT nach der richtigen Relay-Adresse. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="342"/>
        <source>A certificate of the relay at %address is expired or not yet valid, so this PC cannot join now. If this PC&apos;s date and time are right, please tell IT. (%detail)</source>
        <translation>Ein Zertifikat des Relays unter %address ist abgelaufen oder noch nicht gültig; dieser PC kann deshalb jetzt nicht beitreten. Wenn Datum und Uhrzeit dieses PCs stimmen, wenden Sie sich bitte an die IT. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="346"/>
        <source>WardLink cannot confirm that the relay at %address belongs to your hospital, so this PC was not enrolled. Please tell IT. (%detail)</source>
        <translation>WardLink kann nicht bestätigen, dass das Relay unter %address zu Ihrem Krankenhaus gehört; dieser PC wurde deshalb nicht angemeldet. Bitte wenden Sie sich an die IT. (%detail)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="350"/>
        <source>The relay at %address answered with a certificate for another device, so this PC was not enrolled. Please tell IT.</source>
        <translation>Das Relay unter %address hat ein Zertifikat für ein anderes Gerät geschickt; dieser PC wurde deshalb nicht angemeldet. Bitte wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="354"/>
        <source>This device was withdrawn by IT; its WardLink data on this PC has been deleted.</source>
        <translation>Dieses Gerät wurde von der IT zurückgezogen; seine WardLink-Daten auf diesem PC wurden gelöscht.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="358"/>
        <source>This device was withdrawn by IT; its WardLink data on this PC was kept.</source>
        <translation>Dieses Gerät wurde von der IT zurückgezogen; seine WardLink-Daten auf diesem PC bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="369"/>
        <source>belongs to another hospital</source>
        <translation>gehört zu einem anderen Krankenhaus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="370"/>
        <source>certificate expired or not yet valid</source>
        <translation>Zertifikat abgelaufen oder noch nicht gültig</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="371"/>
        <source>not confirmed as your hospital&apos;s relay</source>
        <translation>nicht als Relay Ihres Krankenhauses bestätigt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="373"/>
        <source>cannot be reached</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="374"/>
        <source>did not answer in time</source>
        <translation>keine rechtzeitige Antwort</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="375"/>
        <source>cannot serve right now</source>
        <translation>gerade nicht bereit</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="376"/>
        <source>answered in a way WardLink does not understand</source>
        <translation>unverständliche Antwort</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="377"/>
        <source>no WardLink relay</source>
        <translation>kein WardLink-Relay</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="378"/>
        <source>connection lost</source>
        <translation>Verbindung abgebrochen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_conversations.py" line="13"/>
        <source>You are no longer a member of this conversation.</source>
        <translation>Sie sind nicht mehr Mitglied dieser Unterhaltung.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="107"/>
        <source>Wrong passphrase.</source>
        <translation>Falsche Passphrase.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="110"/>
        <source>Wrong PIN, 1 attempt left.</source>
        <translation>Falsche PIN, noch 1 Versuch.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="112"/>
        <source>Wrong PIN, %1 attempts left.</source>
        <translation>Falsche PIN, noch %1 Versuche.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="117"/>
        <source>The container is locked.</source>
        <translation>Der Container ist gesperrt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="119"/>
        <source>This PC&apos;s disk is full; WardLink cannot save anything now (what was saved before is kept). Please tell your IT department.</source>
        <translation>Die Festplatte dieses PCs ist voll; WardLink kann jetzt nichts speichern (bisher Gespeichertes bleibt erhalten). Bitte informieren Sie Ihre IT-Abteilung.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="124"/>
        <source>WardLink could not read or write this person&apos;s data on this PC (a problem with the disk or drive); try again, and tell IT if it persists. (%1)</source>
        <translation>WardLink konnte die Daten dieser Person auf diesem PC nicht lesen oder schreiben (ein Problem mit der Festplatte oder dem Laufwerk). Bitte versuchen Sie es erneut und wenden Sie sich an die IT, wenn das anhält. (%1)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="129"/>
        <source>This person&apos;s WardLink data on this PC is damaged and cannot be opened; nothing was changed. Please tell IT. (%1)</source>
        <translation>Die WardLink-Daten dieser Person auf diesem PC sind beschädigt und können nicht geöffnet werden; es wurde nichts verändert. Bitte wenden Sie sich an die IT. (%1)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="134"/>
        <source>There is no WardLink data here that this version can open; nothing was changed. Please tell IT. (%1)</source>
        <translation>Hier liegen keine WardLink-Daten, die diese Version öffnen kann; es wurde nichts verändert. Bitte wenden Sie sich an die IT. (%1)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="147"/>
        <source>This person&apos;s data was written by a newer WardLink. Please have WardLink updated on this PC; nothing was changed.</source>
        <translation>Diese Daten wurden von einer neueren WardLink-Version geschrieben. Bitte lassen Sie WardLink auf diesem PC aktualisieren; es wurde nichts verändert.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="152"/>
        <source>This person&apos;s data could not be brought up to date for this WardLink version (step %1); nothing was changed. Please tell IT.</source>
        <translation>Diese Daten konnten nicht auf diese WardLink-Version umgestellt werden (Schritt %1); es wurde nichts verändert. Bitte wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="157"/>
        <source>WardLink could not use a file on this PC; nothing was changed. Try again, and tell IT if it persists. (%1)</source>
        <translation>WardLink konnte eine Datei auf diesem PC nicht verwenden; es wurde nichts verändert. Bitte versuchen Sie es erneut und wenden Sie sich an die IT, wenn das anhält. (%1)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="322"/>
        <source>This enrollment code belongs to another organisation than the one this PC is managed for.</source>
        <translation>Dieser Code gehört zu einer anderen Organisation als der, für die dieser PC eingerichtet ist.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_services.py" line="326"/>
        <source>No relay found on the network. Enter the relay address from your IT department (HOST:PORT).</source>
        <translation>Kein Relay im Netz gefunden. Bitte die Relay-Adresse Ihrer IT eingeben (HOST:PORT).</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_storage.py" line="26"/>
        <source>Too many wrong PINs. Please enter your passphrase.</source>
        <translation>Zu viele falsche PINs. Bitte geben Sie Ihre Passphrase ein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_storage.py" line="29"/>
        <source>12 hours have passed since you entered your passphrase. Please enter it again.</source>
        <translation>Seit der Eingabe Ihrer Passphrase sind 12 Stunden vergangen. Bitte geben Sie sie erneut ein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_storage.py" line="33"/>
        <source>No PIN is set for this session. Please enter your passphrase.</source>
        <translation>Für diese Sitzung ist keine PIN festgelegt. Bitte geben Sie Ihre Passphrase ein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_storage.py" line="37"/>
        <source>Please enter your passphrase.</source>
        <translation>Bitte geben Sie Ihre Passphrase ein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_storage.py" line="45"/>
        <source>This person&apos;s WardLink data is no longer on this PC (it may have been removed). Go “Back” for the current list, or join your hospital again; IT can help. (%1)</source>
        <translation>Die WardLink-Daten dieser Person sind nicht mehr auf diesem PC (vielleicht wurden sie entfernt). Mit „Zurück“ sehen Sie die aktuelle Liste, oder treten Sie Ihrem Krankenhaus erneut bei; die IT hilft Ihnen dabei. (%1)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_storage.py" line="50"/>
        <source>There is WardLink data in this place already; nothing was changed. Please try again, and tell IT if it persists. (%1)</source>
        <translation>An dieser Stelle liegen bereits WardLink-Daten; es wurde nichts verändert. Bitte versuchen Sie es erneut und wenden Sie sich an die IT, wenn das anhält. (%1)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_storage.py" line="61"/>
        <source>This file is not on this PC yet; wait until it has been downloaded, or download it again.</source>
        <translation>Diese Datei ist noch nicht auf diesem PC. Bitte warten Sie, bis sie heruntergeladen ist, oder laden Sie sie erneut herunter.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_storage.py" line="65"/>
        <source>The copy of this file on this PC is missing; the message itself is kept. Please tell IT.</source>
        <translation>Die Kopie dieser Datei auf diesem PC fehlt; die Nachricht selbst bleibt erhalten. Bitte wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_storage.py" line="69"/>
        <source>The copy of this file on this PC is damaged and cannot be opened; the message itself is kept. Please tell IT. (%1)</source>
        <translation>Die Kopie dieser Datei auf diesem PC ist beschädigt und kann nicht geöffnet werden; die Nachricht selbst bleibt erhalten. Bitte wenden Sie sich an die IT. (%1)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_storage.py" line="73"/>
        <source>The record of this file on this PC is damaged, so it cannot be opened; the message itself is kept. Please tell IT.</source>
        <translation>Der Eintrag zu dieser Datei auf diesem PC ist beschädigt, daher kann sie nicht geöffnet werden; die Nachricht selbst bleibt erhalten. Bitte wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_storage.py" line="77"/>
        <source>The download of this file stopped before it was complete; please try again.</source>
        <translation>Das Herunterladen dieser Datei wurde vor dem Ende abgebrochen; bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_storage.py" line="81"/>
        <source>Part of this file arrived damaged, so it cannot be shown; please download it again. (%1)</source>
        <translation>Ein Teil dieser Datei ist beschädigt angekommen, daher kann sie nicht angezeigt werden; bitte laden Sie sie erneut herunter. (%1)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_storage.py" line="86"/>
        <source>This file cannot be read on this PC; the message itself is kept. Please tell IT.</source>
        <translation>Diese Datei kann auf diesem PC nicht gelesen werden; die Nachricht selbst bleibt erhalten. Bitte wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_code.py" line="16"/>
        <source>The code is incomplete: after “WL1-” it has %found of its %expected characters. Please copy or type the whole code from IT again.</source>
        <translation>Der Code ist unvollständig: Nach „WL1-“ hat er %found seiner %expected Zeichen. Bitte kopieren oder tippen Sie den ganzen Code von der IT noch einmal.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_code.py" line="20"/>
        <source>The code is too long: after “WL1-” it has %found characters instead of %expected; perhaps a part was pasted twice. Please copy or type the code from IT again.</source>
        <translation>Der Code ist zu lang: Nach „WL1-“ hat er %found statt %expected Zeichen; vielleicht wurde ein Teil doppelt eingefügt. Bitte kopieren oder tippen Sie den Code von der IT noch einmal.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_code.py" line="24"/>
        <source>The code contains a character that cannot be in it (only the letters A to Z and the digits 2 to 7). Please compare it with the code from IT.</source>
        <translation>Der Code enthält ein Zeichen, das darin nicht vorkommen kann (nur die Buchstaben A bis Z und die Ziffern 2 bis 7). Bitte vergleichen Sie ihn mit dem Code von der IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_code.py" line="28"/>
        <source>The code has a typing error: one of its characters differs from the code IT gave you. Please compare it character by character, or ask IT for a new code.</source>
        <translation>Der Code hat einen Tippfehler: Eines seiner Zeichen weicht vom Code der IT ab. Bitte vergleichen Sie ihn Zeichen für Zeichen, oder bitten Sie die IT um einen neuen Code.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_code.py" line="32"/>
        <source>An enrollment code starts with “WL1-”. Please enter the code you got from IT.</source>
        <translation>Ein Registrierungscode beginnt mit „WL1-“. Bitte geben Sie den Code ein, den Sie von der IT bekommen haben.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_texts_code.py" line="36"/>
        <source>This code is for another version of WardLink. Please ask IT for a new code.</source>
        <translation>Dieser Code ist für eine andere WardLink-Version. Bitte fragen Sie die IT nach einem neuen Code.</translation>
    </message>
</context>
<context>
    <name>FieldCopyGuard</name>
    <message>
        <location filename="../../../desktop_app/ui/field_copy_guard.py" line="141"/>
        <source>Copy (switched off by policy)</source>
        <translation>Kopieren (per Richtlinie abgeschaltet)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/field_copy_guard.py" line="143"/>
        <source>Cut (switched off by policy)</source>
        <translation>Ausschneiden (per Richtlinie abgeschaltet)</translation>
    </message>
</context>
<context>
    <name>GuardedCopyEdit</name>
    <message>
        <location filename="../../../desktop_app/ui/guarded_copy.py" line="60"/>
        <source>Copy (switched off by policy)</source>
        <translation>Kopieren (per Richtlinie abgeschaltet)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/guarded_copy.py" line="63"/>
        <source>Cut (switched off by policy)</source>
        <translation>Ausschneiden (per Richtlinie abgeschaltet)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/guarded_copy.py" line="71"/>
        <source>Copying is switched off by your IT department.</source>
        <translation>Kopieren ist von Ihrer IT abgeschaltet.</translation>
    </message>
</context>
<context>
    <name>GuardedLabel</name>
    <message>
        <location filename="../../../desktop_app/ui/guarded_label.py" line="31"/>
        <source>Copying is switched off by your IT department.</source>
        <translation>Kopieren ist von Ihrer IT abgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/guarded_label.py" line="81"/>
        <source>Copy (switched off by policy)</source>
        <translation>Kopieren (per Richtlinie abgeschaltet)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/guarded_label.py" line="81"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/guarded_label.py" line="86"/>
        <source>Select All</source>
        <translation>Alles auswählen</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="62"/>
        <source>Join my hospital</source>
        <translation>Meinem Krankenhaus beitreten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="65"/>
        <source>Enrollment code</source>
        <translation>Registrierungscode</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="67"/>
        <source>Relay address</source>
        <translation>Relay-Adresse</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="67"/>
        <source>empty: search the hospital network</source>
        <translation>leer: im Kliniknetz suchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="71"/>
        <source>HOST:PORT from IT, e.g. relay.klinikum.local:8443. Left empty, WardLink looks for relays on the network; the code lets only your hospital&apos;s relay through.</source>
        <translation>HOST:PORT von der IT, z. B. relay.klinikum.local:8443. Bleibt das Feld leer, sucht WardLink Relays im Netz; der Code lässt nur das Relay Ihres Krankenhauses zu.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="77"/>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="77"/>
        <source>e.g. Dr. Anna Weber</source>
        <translation>z. B. Dr. Anna Weber</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="78"/>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="78"/>
        <source>e.g. Cardiology</source>
        <translation>z. B. Kardiologie</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="79"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="83"/>
        <source>Passphrase strength</source>
        <translation>Stärke der Passphrase</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="85"/>
        <source>Repeat passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="86"/>
        <source>PIN (optional)</source>
        <translation>PIN (optional)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="86"/>
        <source>6–12 digits</source>
        <translation>6–12 Ziffern</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="91"/>
        <source>This PC is shared by the ward. WardLink keeps your messages only in your own container, encrypted with your passphrase; nobody else on this PC can read them. Lock WardLink whenever you leave the PC. The PIN only unlocks WardLink while it keeps running; after 5 wrong PINs or 12 hours you need the passphrase again.</source>
        <translation>Diesen PC teilt sich die ganze Station. WardLink speichert Ihre Nachrichten nur in Ihrem eigenen Container, verschlüsselt mit Ihrer Passphrase; niemand sonst an diesem PC kann sie lesen. Sperren Sie WardLink, wann immer Sie den PC verlassen. Die PIN entsperrt WardLink nur, solange es läuft; nach 5 falschen PINs oder 12 Stunden brauchen Sie wieder die Passphrase.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="99"/>
        <source>I understand that this is a shared PC.</source>
        <translation>Ich habe verstanden, dass dies ein gemeinsam genutzter PC ist.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="113"/>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="161"/>
        <source>weak</source>
        <translation>schwach</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="161"/>
        <source>fair</source>
        <translation>mittel</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="161"/>
        <source>good</source>
        <translation>gut</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="161"/>
        <source>strong</source>
        <translation>stark</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="186"/>
        <source>Please enter the enrollment code from IT.</source>
        <translation>Bitte geben Sie den Registrierungscode Ihrer IT ein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="191"/>
        <source>Please enter your name as colleagues know it.</source>
        <translation>Bitte geben Sie Ihren Namen ein, wie Kolleginnen und Kollegen Sie kennen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="202"/>
        <source>The two passphrases differ.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="204"/>
        <source>Please confirm that you understand this is a shared PC.</source>
        <translation>Bitte bestätigen Sie, dass Sie verstanden haben, dass dies ein gemeinsam genutzter PC ist.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="208"/>
        <source>Please read the privacy notice and acknowledge it.</source>
        <translation>Bitte lesen und bestätigen Sie die Datenschutzhinweise.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="227"/>
        <source>Enrolling this PC with your hospital…</source>
        <translation>Dieser PC wird bei Ihrem Krankenhaus registriert…</translation>
    </message>
</context>
<context>
    <name>ListMarks</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/list_marks.py" line="29"/>
        <source>Unpin from top</source>
        <translation>Nicht mehr oben anheften</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/list_marks.py" line="33"/>
        <source>Pin to top</source>
        <translation>Oben anheften</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/list_marks.py" line="38"/>
        <source>At most %1 conversations can be pinned; unpin one first.</source>
        <translation>Höchstens %1 Unterhaltungen können angeheftet werden; lösen Sie zuerst eine.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/list_marks.py" line="43"/>
        <source>Mark as unread</source>
        <translation>Als ungelesen markieren</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="57"/>
        <source>WardLink is locked</source>
        <translation>WardLink ist gesperrt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="147"/>
        <source>Wrong PIN. 1 attempt left.</source>
        <translation>Falsche PIN. Noch 1 Versuch.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="149"/>
        <source>Wrong PIN. %1 attempts left.</source>
        <translation>Falsche PIN. Noch %1 Versuche.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="198"/>
        <source>While locked, WardLink receives nothing: new messages arrive after unlocking.</source>
        <translation>Während der Sperre empfängt WardLink nichts: Neue Nachrichten kommen nach dem Entsperren an.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="95"/>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="83"/>
        <source>With a PIN you unlock quickly, and urgent messages reach you while locked.</source>
        <translation>Mit einer PIN entsperren Sie schnell, und dringende Nachrichten erreichen Sie auch bei gesperrtem WardLink.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="85"/>
        <source>With a PIN you unlock quickly while WardLink keeps running.</source>
        <translation>Mit einer PIN entsperren Sie schnell, solange WardLink weiterläuft.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="98"/>
        <source>Switch user</source>
        <translation>Benutzer wechseln</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="141"/>
        <source>Enter your PIN</source>
        <translation>Geben Sie Ihre PIN ein</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="142"/>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="143"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="158"/>
        <source>Enter your passphrase</source>
        <translation>Geben Sie Ihre Passphrase ein</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="159"/>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="160"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="171"/>
        <source>URGENT from {name}</source>
        <translation>DRINGEND von {name}</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="193"/>
        <source>1 new message since locking; no more arrive until you unlock.</source>
        <translation>1 neue Nachricht seit dem Sperren; weitere kommen erst nach dem Entsperren an.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="194"/>
        <source>%n new messages since locking; no more arrive until you unlock.</source>
        <translation>%n neue Nachrichten seit dem Sperren; weitere kommen erst nach dem Entsperren an.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="203"/>
        <source>1 new message since locking</source>
        <translation>1 neue Nachricht seit dem Sperren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="204"/>
        <source>%n new messages since locking</source>
        <translation>%n neue Nachrichten seit dem Sperren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="207"/>
        <source>Messages still arrive while locked; urgent ones ring.</source>
        <translation>Nachrichten kommen auch gesperrt an; dringende klingeln.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="86"/>
        <source>Choose a conversation on the left, or start a new one.</source>
        <translation>Wählen Sie links eine Unterhaltung oder beginnen Sie eine neue.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="146"/>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="151"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="154"/>
        <source>New group</source>
        <translation>Neue Gruppe</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="156"/>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="159"/>
        <source>Directory</source>
        <translation>Verzeichnis</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="162"/>
        <source>My tasks</source>
        <translation>Meine Aufgaben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="169"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="171"/>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="172"/>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="174"/>
        <source>Switch user</source>
        <translation>Benutzer wechseln</translation>
    </message>
</context>
<context>
    <name>MessagePopups</name>
    <message>
        <location filename="../../../desktop_app/ui/message_popups.py" line="42"/>
        <source>WardLink</source>
        <translation>WardLink</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/message_popups.py" line="43"/>
        <source>New message from {name}</source>
        <translation>Neue Nachricht von {name}</translation>
    </message>
</context>
<context>
    <name>PrivacyDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/privacy_dialog.py" line="58"/>
        <source>I have read the privacy notice and acknowledge it.</source>
        <translation>Ich habe die Datenschutzhinweise gelesen und zur Kenntnis genommen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/privacy_dialog.py" line="77"/>
        <source>Privacy notice</source>
        <translation>Datenschutzhinweise</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/privacy_dialog.py" line="84"/>
        <source>The privacy notice has changed since you last acknowledged it. Please read it; WardLink opens once you acknowledge it.</source>
        <translation>Die Datenschutzhinweise haben sich seit Ihrer letzten Bestätigung geändert. Bitte lesen Sie sie; WardLink öffnet sich, sobald Sie sie bestätigen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/privacy_dialog.py" line="102"/>
        <source>Switch user</source>
        <translation>Benutzer wechseln</translation>
    </message>
</context>
<context>
    <name>PrivacyNoticeView</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/privacy_dialog.py" line="37"/>
        <source>Privacy notice</source>
        <translation>Datenschutzhinweise</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/privacy_dialog.py" line="44"/>
        <source>Your IT department has not configured a privacy notice for this hospital. This is WardLink&apos;s template, filled in with the settings of this PC.</source>
        <translation>Ihre IT hat für dieses Krankenhaus keine Datenschutzhinweise hinterlegt. Dies ist die Vorlage von WardLink, ergänzt um die Einstellungen dieses PCs.</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/search_results.py" line="38"/>
        <location filename="../../../desktop_app/ui/shell/search_results.py" line="76"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/search_results.py" line="42"/>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/search_results.py" line="76"/>
        <source>No messages found</source>
        <translation>Keine Nachrichten gefunden</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="46"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="51"/>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="52"/>
        <source>Lock automatically after minutes of no use</source>
        <translation>Automatisch sperren nach Minuten ohne Benutzung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="53"/>
        <source>Send read receipts</source>
        <translation>Lesebestätigungen senden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="57"/>
        <source>Language of WardLink for you</source>
        <translation>Sprache von WardLink für Sie</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="58"/>
        <source>As this PC is set</source>
        <translation>Wie dieser PC eingestellt ist</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="62"/>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="63"/>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="81"/>
        <source>Unacknowledged urgent messages go on to</source>
        <translation>Unbestätigte dringende Nachrichten gehen weiter an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="64"/>
        <source>A person…</source>
        <translation>Eine Person …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="65"/>
        <source>Choose a colleague from the staff directory</source>
        <translation>Eine Kollegin oder einen Kollegen aus dem Verzeichnis wählen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="74"/>
        <source>Lock automatically after</source>
        <translation>Automatisch sperren nach</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="76"/>
        <source>Read receipts</source>
        <translation>Lesebestätigungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="78"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="79"/>
        <source>Exporting attachments</source>
        <translation>Anhänge exportieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="84"/>
        <source>Urgent messages are always acknowledged to the sender. Without read receipts, others only see that a message reached the relay.</source>
        <translation>Dringende Nachrichten werden dem Absender immer bestätigt. Ohne Lesebestätigungen sehen andere nur, dass eine Nachricht das Relay erreicht hat.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="111"/>
        <source>Remove my data from this PC: deletes all your WardLink messages and files on this PC for good. They cannot be restored; colleagues keep their copies.</source>
        <translation>Meine Daten von diesem PC entfernen: löscht alle Ihre WardLink-Nachrichten und -Dateien auf diesem PC endgültig. Sie können nicht wiederhergestellt werden; Kolleginnen und Kollegen behalten ihre Kopien.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="119"/>
        <source>Your passphrase, to confirm</source>
        <translation>Ihre Passphrase, zur Bestätigung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="120"/>
        <source>Passphrase to confirm removal</source>
        <translation>Passphrase zur Bestätigung des Entfernens</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="121"/>
        <source>Remove my data from this PC</source>
        <translation>Meine Daten von diesem PC entfernen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="168"/>
        <source>Set by your IT department.</source>
        <translation>Von Ihrer IT-Abteilung festgelegt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="179"/>
        <source>allowed, with a warning</source>
        <translation>erlaubt, mit Warnhinweis</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="179"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="198"/>
        <source>(no longer in the directory)</source>
        <translation>(nicht mehr im Verzeichnis)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="203"/>
        <source>Urgent messages go on to</source>
        <translation>Dringende Nachrichten gehen weiter an</translation>
    </message>
</context>
<context>
    <name>ShiftPinField</name>
    <message>
        <location filename="../../../desktop_app/ui/shift_pin.py" line="19"/>
        <source>PIN for this shift (optional, 6–12 digits)</source>
        <translation>PIN für diese Schicht (optional, 6–12 Ziffern)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shift_pin.py" line="20"/>
        <source>PIN for quick unlocking during this shift</source>
        <translation>PIN zum schnellen Entsperren während dieser Schicht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shift_pin.py" line="23"/>
        <source>With a PIN you can unlock quickly after an automatic lock while WardLink keeps running. It is never stored; after 5 wrong PINs or 12 hours the passphrase is needed again.</source>
        <translation>Mit einer PIN entsperren Sie nach einer automatischen Sperre schnell, solange WardLink läuft. Sie wird nie gespeichert; nach 5 falschen PINs oder 12 Stunden ist wieder die Passphrase nötig.</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="56"/>
        <source>This is a shared PC. Your messages are kept only in your own encrypted container. Lock WardLink (Ctrl+L) whenever you leave the PC.</source>
        <translation>Dies ist ein gemeinsam genutzter PC. Ihre Nachrichten liegen nur in Ihrem eigenen verschlüsselten Container. Sperren Sie WardLink (Strg+L), wann immer Sie den PC verlassen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="79"/>
        <source>Who is working at this PC?</source>
        <translation>Wer arbeitet an diesem PC?</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="81"/>
        <source>People with a container on this PC</source>
        <translation>Personen mit einem Container auf diesem PC</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="90"/>
        <source>Someone else…</source>
        <translation>Jemand anderes…</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="103"/>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="104"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="116"/>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="141"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="118"/>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="131"/>
        <source>New on this PC?</source>
        <translation>Neu an diesem PC?</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="132"/>
        <source>Join my hospital</source>
        <translation>Meinem Krankenhaus beitreten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="133"/>
        <source>Enter the enrollment code you got from IT.</source>
        <translation>Geben Sie den Registrierungscode ein, den Sie von der IT erhalten haben.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="135"/>
        <source>Try the demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="136"/>
        <source>A demo hospital with sample chats, on this PC only.</source>
        <translation>Ein Demo-Krankenhaus mit Beispiel-Chats, nur auf diesem PC.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="174"/>
        <source>Unlock WardLink for {name}</source>
        <translation>WardLink für {name} entsperren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="192"/>
        <source>Unlocking…</source>
        <translation>Wird entsperrt…</translation>
    </message>
</context>
<context>
    <name>Teamwork</name>
    <message>
        <location filename="../../../desktop_app/ui/shift_time.py" line="23"/>
        <source>tomorrow %1</source>
        <translation>morgen %1</translation>
    </message>
</context>
<context>
    <name>TransferIndicator</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/transfer_indicator.py" line="21"/>
        <source>File transfer</source>
        <translation>Dateiübertragung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/transfer_indicator.py" line="37"/>
        <source>Files: %p %</source>
        <translation>Dateien: %p %</translation>
    </message>
</context>
<context>
    <name>UrgentBanner</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="51"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="52"/>
        <source>Acknowledge</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="53"/>
        <source>Acknowledge urgent message</source>
        <translation>Dringende Nachricht bestätigen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="123"/>
        <source>URGENT from {name}: {text}</source>
        <translation>DRINGEND von {name}: {text}</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="127"/>
        <source>(+{n} more)</source>
        <translation>(+{n} weitere)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="136"/>
        <source>Urgent message</source>
        <translation>Dringende Nachricht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="137"/>
        <source>{name} needs your acknowledgement.</source>
        <translation>{name} wartet auf Ihre Bestätigung.</translation>
    </message>
</context>
</TS>
