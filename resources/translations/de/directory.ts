<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>DeviceRow</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="133"/>
        <source>Compare again…</source>
        <translation>Erneut vergleichen…</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="135"/>
        <source>Verify…</source>
        <translation>Überprüfen…</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="69"/>
        <source>Device %1</source>
        <translation>Gerät %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="97"/>
        <source>Device ID: %1</source>
        <translation>Geräte-ID: %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="108"/>
        <source>Known to this PC since %1</source>
        <translation>Diesem PC bekannt seit %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="139"/>
        <source>Compare safety numbers for %1</source>
        <translation>Sicherheitsnummern für %1 vergleichen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="150"/>
        <source>This device</source>
        <translation>Dieses Gerät</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="153"/>
        <source>Certified by the hospital and confirmed in person by you (%1)</source>
        <translation>Vom Krankenhaus zertifiziert und von Ihnen persönlich bestätigt (%1)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="158"/>
        <source>Safety numbers did NOT match (%1): possibly an impostor&apos;s device. Tell IT.</source>
        <translation>Sicherheitsnummern stimmten NICHT überein (%1): möglicherweise das Gerät eines Betrügers. Informieren Sie die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="161"/>
        <source>Revoked by IT: receives nothing</source>
        <translation>Von der IT gesperrt: empfängt nichts</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="163"/>
        <source>Certificate not valid: receives nothing</source>
        <translation>Zertifikat ungültig: empfängt nichts</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="164"/>
        <source>Certified by the hospital, not yet compared in person</source>
        <translation>Vom Krankenhaus zertifiziert, noch nicht persönlich verglichen</translation>
    </message>
</context>
<context>
    <name>DirectoryPanel</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/panel.py" line="54"/>
        <source>Staff directory</source>
        <translation>Mitarbeiterverzeichnis</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/panel.py" line="154"/>
        <source>The directory cannot be shown: %1</source>
        <translation>Das Verzeichnis kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/panel.py" line="192"/>
        <source>This person is no longer in the directory.</source>
        <translation>Diese Person ist nicht mehr im Verzeichnis.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/panel.py" line="229"/>
        <source>You hold this role now; messages to it reach you.</source>
        <translation>Sie haben diese Funktion jetzt übernommen; Nachrichten an sie erreichen Sie.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/panel.py" line="242"/>
        <source>You declined the request.</source>
        <translation>Sie haben die Anfrage abgelehnt.</translation>
    </message>
</context>
<context>
    <name>DirectoryTreeModel</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/tree.py" line="19"/>
        <location filename="../../../desktop_app/ui/directory/tree.py" line="23"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/tree.py" line="44"/>
        <source>Functional account</source>
        <translation>Funktionskonto</translation>
    </message>
</context>
<context>
    <name>DirectoryTreeView</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/tree.py" line="93"/>
        <source>Organisation tree</source>
        <translation>Organigramm</translation>
    </message>
</context>
<context>
    <name>MembersDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="45"/>
        <location filename="../../../desktop_app/ui/directory/members.py" line="46"/>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="53"/>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="54"/>
        <source>Rename the group</source>
        <translation>Die Gruppe umbenennen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="59"/>
        <source>Members of this conversation</source>
        <translation>Mitglieder dieser Unterhaltung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="62"/>
        <source>Remove from group</source>
        <translation>Aus der Gruppe entfernen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="63"/>
        <source>Remove the selected person from the group</source>
        <translation>Die ausgewählte Person aus der Gruppe entfernen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="68"/>
        <source>Add a person</source>
        <translation>Person hinzufügen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="73"/>
        <source>Search, then press Enter to add.</source>
        <translation>Suchen, dann mit der Eingabetaste hinzufügen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="84"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="134"/>
        <source>Members: %1</source>
        <translation>Mitglieder: %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="136"/>
        <source>waiting for enrollment: %1</source>
        <translation>wartet auf Registrierung: %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="141"/>
        <source>you</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="145"/>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="145"/>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="156"/>
        <source>waiting for enrollment</source>
        <translation>wartet auf Registrierung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="159"/>
        <source>Has no enrolled device yet; added to the group once enrolled.</source>
        <translation>Hat noch kein registriertes Gerät; wird nach der Registrierung zur Gruppe hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="170"/>
        <source>Only the group&apos;s admins can rename it.</source>
        <translation>Nur die Admins der Gruppe können sie umbenennen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="174"/>
        <source>A 1:1 conversation always has these two people; start a group to add someone.</source>
        <translation>Eine 1:1-Unterhaltung hat immer diese beiden Personen; für weitere Personen starten Sie eine Gruppe.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="177"/>
        <source>You are no longer a member of this group.</source>
        <translation>Sie sind nicht mehr Mitglied dieser Gruppe.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="179"/>
        <source>Only the group&apos;s admins can add or remove members or rename the group.</source>
        <translation>Nur die Admins der Gruppe können Mitglieder hinzufügen oder entfernen und die Gruppe umbenennen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="216"/>
        <source>%1 is a functional account; add the person who holds it.</source>
        <translation>%1 ist ein Funktionskonto; fügen Sie die Person hinzu, die es gerade innehat.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="232"/>
        <source>%1 has no device yet and joins the group when enrolled.</source>
        <translation>%1 hat noch kein Gerät und kommt nach der Registrierung in die Gruppe.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="237"/>
        <source>Adding %1…</source>
        <translation>%1 wird hinzugefügt…</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/members.py" line="252"/>
        <source>Removing %1…</source>
        <translation>%1 wird entfernt…</translation>
    </message>
</context>
<context>
    <name>NewChatDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="80"/>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="81"/>
        <source>New conversation</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="85"/>
        <source>Type a name, ward, role or phone number.</source>
        <translation>Geben Sie einen Namen, eine Station, eine Rolle oder eine Telefonnummer ein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="93"/>
        <source>Write message</source>
        <translation>Nachricht schreiben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="95"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="124"/>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
</context>
<context>
    <name>NewGroupDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="202"/>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="203"/>
        <source>New group</source>
        <translation>Neue Gruppe</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="204"/>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="206"/>
        <source>Group name</source>
        <translation>Gruppenname</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="207"/>
        <source>e.g. Station 3B night shift</source>
        <translation>z. B. Station 3B Nachtdienst</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="210"/>
        <source>Add people</source>
        <translation>Personen hinzufügen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="215"/>
        <source>Search, then press Enter to add.</source>
        <translation>Suchen, dann mit der Eingabetaste hinzufügen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="219"/>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="222"/>
        <source>Chosen members</source>
        <translation>Ausgewählte Mitglieder</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="225"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="226"/>
        <source>Remove the selected person</source>
        <translation>Die ausgewählte Person entfernen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="232"/>
        <source>A name and at least one other person are needed.</source>
        <translation>Ein Name und mindestens eine weitere Person sind nötig.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="237"/>
        <source>Create group</source>
        <translation>Gruppe erstellen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="238"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="287"/>
        <source>%1 is a functional account; add the person who holds it.</source>
        <translation>%1 ist ein Funktionskonto; fügen Sie die Person hinzu, die es gerade innehat.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="294"/>
        <source>You are in the group anyway, as its admin.</source>
        <translation>Sie gehören als Admin ohnehin zur Gruppe.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="338"/>
        <source>Creating the group…</source>
        <translation>Die Gruppe wird erstellt…</translation>
    </message>
</context>
<context>
    <name>PersonCardView</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="204"/>
        <source>Person card</source>
        <translation>Personenkarte</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="212"/>
        <location filename="../../../desktop_app/ui/directory/card.py" line="213"/>
        <source>Functional account</source>
        <translation>Funktionskonto</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="226"/>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="233"/>
        <source>Write message</source>
        <translation>Nachricht schreiben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="235"/>
        <source>Write a message to this person</source>
        <translation>Dieser Person eine Nachricht schreiben</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="236"/>
        <source>Call</source>
        <translation>Anrufen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="237"/>
        <source>Call this person</source>
        <translation>Diese Person anrufen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="240"/>
        <source>Start group</source>
        <translation>Gruppe starten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="241"/>
        <source>Start a group with this person</source>
        <translation>Eine Gruppe mit dieser Person starten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="242"/>
        <source>Take over this role</source>
        <translation>Funktion übernehmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="244"/>
        <source>Take over this functional account for your shift</source>
        <translation>Dieses Funktionskonto für Ihre Schicht übernehmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="298"/>
        <source>Search or pick someone in the tree to see their details.</source>
        <translation>Suchen Sie jemanden oder wählen Sie eine Person im Organigramm, um Details zu sehen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="326"/>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="327"/>
        <source>Ward</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="328"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="329"/>
        <source>Pager</source>
        <translation>Pieper</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="330"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="331"/>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="334"/>
        <source>nobody at the moment</source>
        <translation>derzeit niemand</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="335"/>
        <source>Held now by</source>
        <translation>Derzeit besetzt von</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="338"/>
        <source>On duty now</source>
        <translation>Jetzt im Dienst</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="338"/>
        <source>%1 until %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="341"/>
        <source>Next on duty</source>
        <translation>Als Nächstes im Dienst</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="341"/>
        <source>%1 from %2</source>
        <translation>%1 ab %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="344"/>
        <source>Also named on duty</source>
        <translation>Laut anderem Kalender im Dienst</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="344"/>
        <source>%1 until %2 (in %3)</source>
        <translation>%1 bis %2 (in „%3“)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="363"/>
        <source>No device yet: %1 cannot receive messages until IT enrolls their PC. You can already add them to a group; they join when enrolled.</source>
        <translation>Noch kein Gerät: %1 kann erst Nachrichten empfangen, wenn die IT den PC registriert hat. Zu einer Gruppe können Sie die Person schon hinzufügen; sie kommt nach der Registrierung dazu.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="393"/>
        <source>You asked to take over this role; waiting for approval by %1.</source>
        <translation>Sie haben die Übernahme dieser Funktion angefragt; es fehlt noch die Zustimmung von %1.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="432"/>
        <source>Messages go to whoever holds this role now.</source>
        <translation>Nachrichten gehen an die Person, die diese Rolle gerade innehat.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="434"/>
        <source>Devices as last known: the relay is not reachable.</source>
        <translation>Geräte nach letztem Stand: Der Relay-Server ist nicht erreichbar.</translation>
    </message>
</context>
<context>
    <name>PersonSearch</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/search.py" line="229"/>
        <source>Name, ward, role, phone</source>
        <translation>Name, Station, Rolle, Telefon</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/search.py" line="230"/>
        <source>Search the staff directory</source>
        <translation>Im Mitarbeiterverzeichnis suchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/search.py" line="237"/>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/search.py" line="240"/>
        <source>Nobody in the directory matches.</source>
        <translation>Niemand im Verzeichnis passt zur Suche.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/search.py" line="318"/>
        <source>The directory cannot be searched: %1</source>
        <translation>Das Verzeichnis kann nicht durchsucht werden: %1</translation>
    </message>
</context>
<context>
    <name>PickPersonDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="155"/>
        <source>Type a name, ward, role or phone number.</source>
        <translation>Geben Sie einen Namen, eine Station, eine Rolle oder eine Telefonnummer ein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="159"/>
        <source>Choose</source>
        <translation>Auswählen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/dialogs.py" line="161"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>RenameGroupDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/rename.py" line="28"/>
        <location filename="../../../desktop_app/ui/directory/rename.py" line="29"/>
        <source>Rename group</source>
        <translation>Gruppe umbenennen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/rename.py" line="30"/>
        <source>Group name</source>
        <translation>Gruppenname</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/rename.py" line="32"/>
        <source>New group name</source>
        <translation>Neuer Gruppenname</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/rename.py" line="39"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/rename.py" line="41"/>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/rename.py" line="76"/>
        <source>Renaming…</source>
        <translation>Wird umbenannt…</translation>
    </message>
</context>
<context>
    <name>RequestRow</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="177"/>
        <source>%1 asks to take over this role.</source>
        <translation>%1 möchte diese Funktion übernehmen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="181"/>
        <source>Approve</source>
        <translation>Zustimmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/card.py" line="182"/>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
</context>
<context>
    <name>SafetyEmoji</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="14"/>
        <source>Dog</source>
        <translation>Hund</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="15"/>
        <source>Cat</source>
        <translation>Katze</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="16"/>
        <source>Lion</source>
        <translation>Löwe</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="17"/>
        <source>Horse</source>
        <translation>Pferd</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="18"/>
        <source>Unicorn</source>
        <translation>Einhorn</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="19"/>
        <source>Pig</source>
        <translation>Schwein</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="20"/>
        <source>Elephant</source>
        <translation>Elefant</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="21"/>
        <source>Rabbit</source>
        <translation>Hase</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="22"/>
        <source>Panda</source>
        <translation>Panda</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="23"/>
        <source>Rooster</source>
        <translation>Hahn</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="24"/>
        <source>Penguin</source>
        <translation>Pinguin</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="25"/>
        <source>Turtle</source>
        <translation>Schildkröte</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="26"/>
        <source>Fish</source>
        <translation>Fisch</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="27"/>
        <source>Octopus</source>
        <translation>Oktopus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="28"/>
        <source>Butterfly</source>
        <translation>Schmetterling</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="29"/>
        <source>Flower</source>
        <translation>Blume</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="30"/>
        <source>Tree</source>
        <translation>Baum</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="31"/>
        <source>Cactus</source>
        <translation>Kaktus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="32"/>
        <source>Mushroom</source>
        <translation>Pilz</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="33"/>
        <source>Globe</source>
        <translation>Globus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="34"/>
        <source>Moon</source>
        <translation>Mond</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="35"/>
        <source>Cloud</source>
        <translation>Wolke</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="36"/>
        <source>Fire</source>
        <translation>Feuer</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="37"/>
        <source>Banana</source>
        <translation>Banane</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="38"/>
        <source>Apple</source>
        <translation>Apfel</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="39"/>
        <source>Strawberry</source>
        <translation>Erdbeere</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="40"/>
        <source>Corn</source>
        <translation>Mais</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="41"/>
        <source>Pizza</source>
        <translation>Pizza</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="42"/>
        <source>Cake</source>
        <translation>Kuchen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="43"/>
        <source>Heart</source>
        <translation>Herz</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="44"/>
        <source>Smiley</source>
        <translation>Lächeln</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="45"/>
        <source>Robot</source>
        <translation>Roboter</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="46"/>
        <source>Hat</source>
        <translation>Hut</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="47"/>
        <source>Glasses</source>
        <translation>Brille</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="48"/>
        <source>Spanner</source>
        <translation>Schraubenschlüssel</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="49"/>
        <source>Santa</source>
        <translation>Weihnachtsmann</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="50"/>
        <source>Thumbs Up</source>
        <translation>Daumen hoch</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="51"/>
        <source>Umbrella</source>
        <translation>Regenschirm</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="52"/>
        <source>Hourglass</source>
        <translation>Sanduhr</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="53"/>
        <source>Clock</source>
        <translation>Uhr</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="54"/>
        <source>Gift</source>
        <translation>Geschenk</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="55"/>
        <source>Light Bulb</source>
        <translation>Glühbirne</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="56"/>
        <source>Book</source>
        <translation>Buch</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="57"/>
        <source>Pencil</source>
        <translation>Bleistift</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="58"/>
        <source>Paperclip</source>
        <translation>Büroklammer</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="59"/>
        <source>Scissors</source>
        <translation>Schere</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="60"/>
        <source>Lock</source>
        <translation>Schloss</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="61"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="62"/>
        <source>Hammer</source>
        <translation>Hammer</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="63"/>
        <source>Telephone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="64"/>
        <source>Flag</source>
        <translation>Flagge</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="65"/>
        <source>Train</source>
        <translation>Zug</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="66"/>
        <source>Bicycle</source>
        <translation>Fahrrad</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="67"/>
        <source>Aeroplane</source>
        <translation>Flugzeug</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="68"/>
        <source>Rocket</source>
        <translation>Rakete</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="69"/>
        <source>Trophy</source>
        <translation>Pokal</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="70"/>
        <source>Ball</source>
        <translation>Ball</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="71"/>
        <source>Guitar</source>
        <translation>Gitarre</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="72"/>
        <source>Trumpet</source>
        <translation>Trompete</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="73"/>
        <source>Bell</source>
        <translation>Glocke</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="74"/>
        <source>Anchor</source>
        <translation>Anker</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="75"/>
        <source>Headphones</source>
        <translation>Kopfhörer</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="76"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/emoji_names.py" line="77"/>
        <source>Pin</source>
        <translation>Stecknadel</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/search.py" line="112"/>
        <source>no device yet</source>
        <translation>noch kein Gerät</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/search.py" line="116"/>
        <location filename="../../../desktop_app/ui/directory/search.py" line="118"/>
        <source>Functional account</source>
        <translation>Funktionskonto</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="49"/>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="50"/>
        <source>Compare safety numbers</source>
        <translation>Sicherheitsnummern vergleichen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="57"/>
        <source>Stand next to this person and open the same screen on their PC for your device. Compare the pictures or the numbers: both screens must show exactly the same.</source>
        <translation>Stellen Sie sich neben diese Person und öffnen Sie an ihrem PC dieselbe Ansicht für Ihr Gerät. Vergleichen Sie die Bilder oder die Zahlen: Beide Bildschirme müssen genau dasselbe zeigen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="72"/>
        <source>or the numbers:</source>
        <translation>oder die Zahlen:</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="85"/>
        <source>Safety number</source>
        <translation>Sicherheitsnummer</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="109"/>
        <source>They match</source>
        <translation>Stimmen überein</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="110"/>
        <source>They match: confirm this device</source>
        <translation>Stimmen überein: dieses Gerät bestätigen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="111"/>
        <source>They don&apos;t match</source>
        <translation>Stimmen nicht überein</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="112"/>
        <source>They don&apos;t match: warn about this device</source>
        <translation>Stimmen nicht überein: vor diesem Gerät warnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="113"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="144"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="159"/>
        <source>Compare with %1</source>
        <translation>Vergleich mit %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="168"/>
        <source>Picture %1 of 7: %2</source>
        <translation>Bild %1 von 7: %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="183"/>
        <source>Their device: %1
Your device: this PC</source>
        <translation>Gerät der anderen Person: %1
Ihr Gerät: dieser PC</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="188"/>
        <source>Device IDs for IT: theirs %1, yours %2</source>
        <translation>Geräte-IDs für die IT: das andere %1, Ihres %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="254"/>
        <source>&lt;b&gt;The safety numbers do not match.&lt;/b&gt;&lt;br&gt;This device may belong to an impostor. Do not send patient data to it, and tell IT now (%1 of %2; its ID is below). Your other conversations are not affected.</source>
        <translation>&lt;b&gt;Die Sicherheitsnummern stimmen nicht überein.&lt;/b&gt;&lt;br&gt;Dieses Gerät gehört möglicherweise einem Betrüger. Senden Sie keine Patientendaten dorthin und informieren Sie sofort die IT (%1 von %2; seine ID steht unten). Ihre anderen Unterhaltungen sind nicht betroffen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="203"/>
        <source>You already confirmed this device in person.</source>
        <translation>Sie haben dieses Gerät bereits persönlich bestätigt.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="204"/>
        <source>Last time the numbers did NOT match.</source>
        <translation>Beim letzten Vergleich stimmten die Zahlen NICHT überein.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="206"/>
        <source>Certified by the hospital, not yet compared in person.</source>
        <translation>Vom Krankenhaus zertifiziert, noch nicht persönlich verglichen.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/directory/verify.py" line="213"/>
        <source>Cannot compare</source>
        <translation>Vergleich nicht möglich</translation>
    </message>
</context>
</TS>
