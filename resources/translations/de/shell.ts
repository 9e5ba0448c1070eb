<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AppController</name>
    <message>
        <location filename="../../../desktop_app/ui/app_controller.py" line="167"/>
        <location filename="../../../desktop_app/ui/app_controller.py" line="302"/>
        <source>WardLink</source>
        <translation>WardLink</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/app_controller.py" line="303"/>
        <source>New message from {name}</source>
        <translation>Neue Nachricht von {name}</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/app_controller.py" line="366"/>
        <source>Too many wrong PINs. Please enter your passphrase.</source>
        <translation>Zu viele falsche PINs. Bitte geben Sie Ihre Passphrase ein.</translation>
    </message>
</context>
<context>
    <name>ConnectionLabel</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="13"/>
        <source>Connection state</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="19"/>
        <source>● Connected to relay {relay}</source>
        <translation>● Verbunden mit Relay {relay}</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="22"/>
        <source>◌ Searching for the relay…</source>
        <translation>◌ Relay wird gesucht…</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="25"/>
        <source>○ Offline</source>
        <translation>○ Offline</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="28"/>
        <source>{n} message(s) waiting to be sent</source>
        <translation>{n} Nachricht(en) warten auf Versand</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="31"/>
        <source>Messages cannot be saved on this PC</source>
        <translation>Nachrichten können auf diesem PC nicht gespeichert werden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/connection_label.py" line="35"/>
        <source>This PC&apos;s certificate expires soon; ask IT</source>
        <translation>Das Zertifikat dieses PCs läuft bald ab; bitte die IT fragen</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="67"/>
        <source>You: %1</source>
        <translation>Sie: %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="244"/>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="245"/>
        <source>Search conversations</source>
        <translation>Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="251"/>
        <source>No results</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="259"/>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="362"/>
        <source>Export conversation …</source>
        <translation>Unterhaltung exportieren …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="363"/>
        <source>Delete conversation …</source>
        <translation>Unterhaltung löschen …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="379"/>
        <source>Disappearing messages</source>
        <translation>Verschwindende Nachrichten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="387"/>
        <source>Export conversation</source>
        <translation>Unterhaltung exportieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="390"/>
        <source>Exporting is switched off by your IT department.</source>
        <translation>Das Exportieren hat Ihre IT-Abteilung ausgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="394"/>
        <source>PDF (*.pdf);;FHIR R4 Bundle (*.json)</source>
        <translation>PDF (*.pdf);;FHIR-R4-Bundle (*.json)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="411"/>
        <source>Exported %1 message(s). The file is NOT encrypted: keep it only where patient data may be stored.</source>
        <translation>%1 Nachricht(en) exportiert. Die Datei ist NICHT verschlüsselt: Speichern Sie sie nur dort, wo Patientendaten liegen dürfen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="423"/>
        <source>Delete conversation</source>
        <translation>Unterhaltung löschen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="425"/>
        <source>Delete the conversation “%1” with all its messages and attachments from this PC? It cannot be restored. Other members keep their copy.</source>
        <translation>Die Unterhaltung „%1“ mit allen Nachrichten und Anhängen von diesem PC löschen? Sie kann nicht wiederhergestellt werden. Andere Mitglieder behalten ihre Kopie.</translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message numerus="yes">
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="92"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n ungelesen</numerusform>
            <numerusform>%n ungelesen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/conversation_list.py" line="93"/>
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
        <location filename="../../../desktop_app/ui/error_text.py" line="46"/>
        <source>The passphrase needs at least %minimum characters.</source>
        <translation>Die Passphrase braucht mindestens %minimum Zeichen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="49"/>
        <source>The passphrase is too long.</source>
        <translation>Die Passphrase ist zu lang.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="50"/>
        <source>The passphrase repeats too few characters.</source>
        <translation>Die Passphrase besteht aus zu wenigen verschiedenen Zeichen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="53"/>
        <source>A PIN consists of digits only.</source>
        <translation>Eine PIN besteht nur aus Ziffern.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="54"/>
        <source>A PIN has %minimum to %maximum digits.</source>
        <translation>Eine PIN hat %minimum bis %maximum Ziffern.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="55"/>
        <source>This PIN is too easy to guess (repeated or consecutive digits).</source>
        <translation>Diese PIN ist zu leicht zu erraten (wiederholte oder aufeinanderfolgende Ziffern).</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="65"/>
        <source>You are in a call already; hang up first.</source>
        <translation>Sie sind bereits in einem Anruf; bitte zuerst auflegen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="66"/>
        <source>That is not a group call.</source>
        <translation>Das ist kein Gruppenanruf.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="67"/>
        <source>That group call invitation no longer rings.</source>
        <translation>Diese Einladung zum Gruppenanruf klingelt nicht mehr.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="68"/>
        <source>%name is not in the group call any more.</source>
        <translation>%name ist nicht mehr im Gruppenanruf.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="69"/>
        <source>The group call is full: %maximum people are in it already.</source>
        <translation>Der Gruppenanruf ist voll: %maximum Personen sind bereits darin.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="72"/>
        <source>A group call needs a group conversation.</source>
        <translation>Ein Gruppenanruf braucht eine Gruppenunterhaltung.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="73"/>
        <source>This is a group conversation: start a group call instead.</source>
        <translation>Dies ist eine Gruppenunterhaltung: bitte einen Gruppenanruf starten.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="76"/>
        <source>%name has no device that can be called.</source>
        <translation>%name hat kein Gerät, das angerufen werden kann.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="77"/>
        <source>Calls are switched off on this PC by your IT department.</source>
        <translation>Anrufe sind auf diesem PC von Ihrer IT-Abteilung abgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="80"/>
        <source>Video calls are switched off on this PC by your IT department.</source>
        <translation>Videoanrufe sind auf diesem PC von Ihrer IT-Abteilung abgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="90"/>
        <source>%name could not be downloaded from the relay.</source>
        <translation>%name konnte nicht vom Relay geladen werden.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="91"/>
        <source>%name arrived damaged; it was not kept.</source>
        <translation>%name kam beschädigt an und wurde nicht gespeichert.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="92"/>
        <source>%name is larger than the relay accepts.</source>
        <translation>%name ist größer, als das Relay annimmt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="93"/>
        <source>%name is too large to open here; save a copy instead.</source>
        <translation>%name ist zu groß, um hier geöffnet zu werden; bitte eine Kopie speichern.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="96"/>
        <source>Someone stored a version of %name at the same moment; try again.</source>
        <translation>Jemand hat im selben Moment eine Version von %name gespeichert; bitte erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="99"/>
        <source>You are no longer a member of this conversation.</source>
        <translation>Sie sind nicht mehr Mitglied dieser Unterhaltung.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="109"/>
        <source>Wrong passphrase.</source>
        <translation>Falsche Passphrase.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="111"/>
        <source>Wrong PIN, %1 attempt(s) left.</source>
        <translation>Falsche PIN, noch %1 Versuch(e).</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="115"/>
        <source>The container is locked.</source>
        <translation>Der Container ist gesperrt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="123"/>
        <source>This person&apos;s data was written by a newer WardLink. Please have WardLink updated on this PC; nothing was changed.</source>
        <translation>Diese Daten wurden von einer neueren WardLink-Version geschrieben. Bitte lassen Sie WardLink auf diesem PC aktualisieren; es wurde nichts verändert.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="129"/>
        <source>This person&apos;s data could not be brought up to date for this WardLink version (step %1); nothing was changed. Please tell IT.</source>
        <translation>Diese Daten konnten nicht auf diese WardLink-Version umgestellt werden (Schritt %1); es wurde nichts verändert. Bitte wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="135"/>
        <source>Waiting for IT to confirm this device; try again later with the same code. (Device key: %1)</source>
        <translation>Warten auf die Bestätigung dieses Geräts durch die IT; bitte später mit demselben Code erneut versuchen. (Geräteschlüssel: %1)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="141"/>
        <source>This enrollment code belongs to another organisation than the one this PC is managed for.</source>
        <translation>Dieser Code gehört zu einer anderen Organisation als der, für die dieser PC eingerichtet ist.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="147"/>
        <source>No relay found on the network. Enter the relay address from your IT department (HOST:PORT).</source>
        <translation>Kein Relay im Netz gefunden. Bitte die Relay-Adresse Ihrer IT eingeben (HOST:PORT).</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/error_text.py" line="153"/>
        <source>None of the relays on the network belongs to your hospital or accepted the code (%1). Ask IT for the relay address.</source>
        <translation>Keines der Relays im Netz gehört zu Ihrem Krankenhaus oder hat den Code angenommen (%1). Bitte die Relay-Adresse bei der IT erfragen.</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="59"/>
        <source>Join my hospital</source>
        <translation>Meinem Krankenhaus beitreten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="62"/>
        <source>Enrollment code</source>
        <translation>Registrierungscode</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="64"/>
        <source>Relay address</source>
        <translation>Relay-Adresse</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="64"/>
        <source>empty: search the hospital network</source>
        <translation>leer: im Kliniknetz suchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="68"/>
        <source>HOST:PORT from IT, e.g. relay.klinikum.local:8443. Left empty, WardLink looks for relays on the network; the code lets only your hospital&apos;s relay through.</source>
        <translation>HOST:PORT von der IT, z. B. relay.klinikum.local:8443. Bleibt das Feld leer, sucht WardLink Relays im Netz; der Code lässt nur das Relay Ihres Krankenhauses zu.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="74"/>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="74"/>
        <source>e.g. Dr. Anna Weber</source>
        <translation>z. B. Dr. Anna Weber</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="75"/>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="75"/>
        <source>e.g. Cardiology</source>
        <translation>z. B. Kardiologie</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="76"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="80"/>
        <source>Passphrase strength</source>
        <translation>Stärke der Passphrase</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="82"/>
        <source>Repeat passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="83"/>
        <source>PIN (optional)</source>
        <translation>PIN (optional)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="83"/>
        <source>6–12 digits</source>
        <translation>6–12 Ziffern</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="88"/>
        <source>This PC is shared by the ward. WardLink keeps your messages only in your own container, encrypted with your passphrase; nobody else on this PC can read them. Lock WardLink whenever you leave the PC. The PIN only unlocks WardLink while it keeps running; after 5 wrong PINs or 12 hours you need the passphrase again.</source>
        <translation>Diesen PC teilt sich die ganze Station. WardLink speichert Ihre Nachrichten nur in Ihrem eigenen Container, verschlüsselt mit Ihrer Passphrase; niemand sonst an diesem PC kann sie lesen. Sperren Sie WardLink, wann immer Sie den PC verlassen. Die PIN entsperrt WardLink nur, solange es läuft; nach 5 falschen PINs oder 12 Stunden brauchen Sie wieder die Passphrase.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="96"/>
        <source>I understand that this is a shared PC.</source>
        <translation>Ich habe verstanden, dass dies ein gemeinsam genutzter PC ist.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="110"/>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="137"/>
        <source>weak</source>
        <translation>schwach</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="137"/>
        <source>fair</source>
        <translation>mittel</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="137"/>
        <source>good</source>
        <translation>gut</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="137"/>
        <source>strong</source>
        <translation>stark</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="161"/>
        <source>Please enter the enrollment code from IT.</source>
        <translation>Bitte geben Sie den Registrierungscode Ihrer IT ein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="163"/>
        <source>Please enter your name as colleagues know it.</source>
        <translation>Bitte geben Sie Ihren Namen ein, wie Kolleginnen und Kollegen Sie kennen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="171"/>
        <source>The two passphrases differ.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="173"/>
        <source>Please confirm that you understand this is a shared PC.</source>
        <translation>Bitte bestätigen Sie, dass Sie verstanden haben, dass dies ein gemeinsam genutzter PC ist.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="175"/>
        <source>Please read the privacy notice and acknowledge it.</source>
        <translation>Bitte lesen und bestätigen Sie die Datenschutzhinweise.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/join_dialog.py" line="185"/>
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
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="53"/>
        <source>WardLink is locked</source>
        <translation>WardLink ist gesperrt</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="186"/>
        <source>%n new message(s) since locking; no more arrive until you unlock.</source>
        <translation>
            <numerusform>%n neue Nachricht seit dem Sperren; weitere kommen erst nach dem Entsperren an.</numerusform>
            <numerusform>%n neue Nachrichten seit dem Sperren; weitere kommen erst nach dem Entsperren an.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="192"/>
        <source>While locked, WardLink receives nothing: new messages arrive after unlocking.</source>
        <translation>Während der Sperre empfängt WardLink nichts: Neue Nachrichten kommen nach dem Entsperren an.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="91"/>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="79"/>
        <source>With a PIN you unlock quickly, and urgent messages reach you while locked.</source>
        <translation>Mit einer PIN entsperren Sie schnell, und dringende Nachrichten erreichen Sie auch bei gesperrtem WardLink.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="81"/>
        <source>With a PIN you unlock quickly while WardLink keeps running.</source>
        <translation>Mit einer PIN entsperren Sie schnell, solange WardLink weiterläuft.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="94"/>
        <source>Switch user</source>
        <translation>Benutzer wechseln</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="137"/>
        <source>Enter your PIN</source>
        <translation>Geben Sie Ihre PIN ein</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="138"/>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="139"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="143"/>
        <source>Wrong PIN. {n} attempt(s) left.</source>
        <translation>Falsche PIN. Noch {n} Versuch(e).</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="152"/>
        <source>Enter your passphrase</source>
        <translation>Geben Sie Ihre Passphrase ein</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="153"/>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="154"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="165"/>
        <source>URGENT from {name}</source>
        <translation>DRINGEND von {name}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="195"/>
        <source>%n new message(s) since locking</source>
        <translation>
            <numerusform>%n neue Nachricht seit dem Sperren</numerusform>
            <numerusform>%n neue Nachrichten seit dem Sperren</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/lock/lock_screen.py" line="197"/>
        <source>Messages still arrive while locked; urgent ones ring.</source>
        <translation>Nachrichten kommen auch gesperrt an; dringende klingeln.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="76"/>
        <source>Choose a conversation on the left, or start a new one.</source>
        <translation>Wählen Sie links eine Unterhaltung oder beginnen Sie eine neue.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="129"/>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="134"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="137"/>
        <source>New group</source>
        <translation>Neue Gruppe</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="139"/>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="142"/>
        <source>Directory</source>
        <translation>Verzeichnis</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="145"/>
        <source>My tasks</source>
        <translation>Meine Aufgaben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="152"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="154"/>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="155"/>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/main_window.py" line="157"/>
        <source>Switch user</source>
        <translation>Benutzer wechseln</translation>
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
        <location filename="../../../desktop_app/ui/shell/search_results.py" line="31"/>
        <location filename="../../../desktop_app/ui/shell/search_results.py" line="69"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/search_results.py" line="35"/>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/search_results.py" line="69"/>
        <source>No messages found</source>
        <translation>Keine Nachrichten gefunden</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="43"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="48"/>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="49"/>
        <source>Lock automatically after minutes of no use</source>
        <translation>Automatisch sperren nach Minuten ohne Benutzung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="50"/>
        <source>Send read receipts</source>
        <translation>Lesebestätigungen senden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="54"/>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="55"/>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="72"/>
        <source>Unacknowledged urgent messages go on to</source>
        <translation>Unbestätigte dringende Nachrichten gehen weiter an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="56"/>
        <source>A person…</source>
        <translation>Eine Person …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="57"/>
        <source>Choose a colleague from the staff directory</source>
        <translation>Eine Kollegin oder einen Kollegen aus dem Verzeichnis wählen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="66"/>
        <source>Lock automatically after</source>
        <translation>Automatisch sperren nach</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="68"/>
        <source>Read receipts</source>
        <translation>Lesebestätigungen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="70"/>
        <source>Exporting attachments</source>
        <translation>Anhänge exportieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="75"/>
        <source>Urgent messages are always acknowledged to the sender. Without read receipts, others only see that a message reached the relay.</source>
        <translation>Dringende Nachrichten werden dem Absender immer bestätigt. Ohne Lesebestätigungen sehen andere nur, dass eine Nachricht das Relay erreicht hat.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="102"/>
        <source>Remove my data from this PC: deletes all your WardLink messages and files on this PC for good. They cannot be restored; colleagues keep their copies.</source>
        <translation>Meine Daten von diesem PC entfernen: löscht alle Ihre WardLink-Nachrichten und -Dateien auf diesem PC endgültig. Sie können nicht wiederhergestellt werden; Kolleginnen und Kollegen behalten ihre Kopien.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="110"/>
        <source>Your passphrase, to confirm</source>
        <translation>Ihre Passphrase, zur Bestätigung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="111"/>
        <source>Passphrase to confirm removal</source>
        <translation>Passphrase zur Bestätigung des Entfernens</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="112"/>
        <source>Remove my data from this PC</source>
        <translation>Meine Daten von diesem PC entfernen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="143"/>
        <source>Set by your IT department.</source>
        <translation>Von Ihrer IT-Abteilung festgelegt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="153"/>
        <source>allowed, with a warning</source>
        <translation>erlaubt, mit Warnhinweis</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="153"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="172"/>
        <source>(no longer in the directory)</source>
        <translation>(nicht mehr im Verzeichnis)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/settings_dialog.py" line="177"/>
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
        <location filename="../../../desktop_app/ui/start/start_window.py" line="53"/>
        <source>This is a shared PC. Your messages are kept only in your own encrypted container. Lock WardLink (Ctrl+L) whenever you leave the PC.</source>
        <translation>Dies ist ein gemeinsam genutzter PC. Ihre Nachrichten liegen nur in Ihrem eigenen verschlüsselten Container. Sperren Sie WardLink (Strg+L), wann immer Sie den PC verlassen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="75"/>
        <source>Who is working at this PC?</source>
        <translation>Wer arbeitet an diesem PC?</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="77"/>
        <source>People with a container on this PC</source>
        <translation>Personen mit einem Container auf diesem PC</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="85"/>
        <source>Someone else…</source>
        <translation>Jemand anderes…</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="98"/>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="99"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="111"/>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="136"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="113"/>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="126"/>
        <source>New on this PC?</source>
        <translation>Neu an diesem PC?</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="127"/>
        <source>Join my hospital</source>
        <translation>Meinem Krankenhaus beitreten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="128"/>
        <source>Enter the enrollment code you got from IT.</source>
        <translation>Geben Sie den Registrierungscode ein, den Sie von der IT erhalten haben.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="130"/>
        <source>Try the demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="131"/>
        <source>A demo hospital with sample chats, on this PC only.</source>
        <translation>Ein Demo-Krankenhaus mit Beispiel-Chats, nur auf diesem PC.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="167"/>
        <source>Unlock WardLink for {name}</source>
        <translation>WardLink für {name} entsperren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/start/start_window.py" line="185"/>
        <source>Unlocking…</source>
        <translation>Wird entsperrt…</translation>
    </message>
</context>
<context>
    <name>Teamwork</name>
    <message>
        <location filename="../../../desktop_app/ui/shift_time.py" line="21"/>
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
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="47"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="48"/>
        <source>Acknowledge</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="49"/>
        <source>Acknowledge urgent message</source>
        <translation>Dringende Nachricht bestätigen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="102"/>
        <source>URGENT from {name}: {text}</source>
        <translation>DRINGEND von {name}: {text}</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="106"/>
        <source>(+{n} more)</source>
        <translation>(+{n} weitere)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="115"/>
        <source>Urgent message</source>
        <translation>Dringende Nachricht</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/shell/urgent_alert.py" line="116"/>
        <source>{name} needs your acknowledgement.</source>
        <translation>{name} wartet auf Ihre Bestätigung.</translation>
    </message>
</context>
</TS>
