<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>CallController</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="219"/>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="338"/>
        <source>Call from %1</source>
        <translation>Anruf von %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="334"/>
        <source>%1 for %2</source>
        <translation>%1 für %2</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="347"/>
        <source>Answered by %1</source>
        <translation>Angenommen von %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="358"/>
        <source>Missed call from %1</source>
        <translation>Verpasster Anruf von %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="360"/>
        <source>Answered on another device</source>
        <translation>Auf einem anderen Gerät angenommen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="361"/>
        <source>%1 declined the call</source>
        <translation>%1 hat den Anruf abgelehnt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="363"/>
        <source>Call declined</source>
        <translation>Anruf abgelehnt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="364"/>
        <source>%1 is busy in another call</source>
        <translation>%1 ist in einem anderen Gespräch</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="365"/>
        <source>%1 did not answer</source>
        <translation>%1 hat nicht abgenommen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="366"/>
        <source>Call cancelled</source>
        <translation>Anruf abgebrochen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="367"/>
        <source>The call could not be connected</source>
        <translation>Der Anruf konnte nicht verbunden werden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="371"/>
        <source>Call ended after %1</source>
        <translation>Gespräch beendet nach %1</translation>
    </message>
</context>
<context>
    <name>CallWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="89"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="210"/>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="91"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="211"/>
        <source>Accept the call</source>
        <translation>Anruf annehmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="92"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="212"/>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="94"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="213"/>
        <source>Decline the call</source>
        <translation>Anruf ablehnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="95"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="327"/>
        <source>Mute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="97"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="215"/>
        <source>Mute the microphone (Ctrl+M)</source>
        <translation>Mikrofon stummschalten (Strg+M)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="98"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="321"/>
        <source>Camera on</source>
        <translation>Kamera an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="100"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="217"/>
        <source>Switch the camera on or off</source>
        <translation>Kamera ein- oder ausschalten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="102"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="324"/>
        <source>Share screen</source>
        <translation>Bildschirm teilen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="104"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="219"/>
        <source>Show your screen to the other side</source>
        <translation>Den eigenen Bildschirm der Gegenseite zeigen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="117"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="281"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="286"/>
        <source>Hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="119"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="220"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="121"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="127"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="221"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="223"/>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="123"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="128"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="222"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="224"/>
        <source>Speaker</source>
        <translation>Lautsprecher</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="132"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="133"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="225"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="226"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="139"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="227"/>
        <source>What to share</source>
        <translation>Was geteilt wird</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="140"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="228"/>
        <source>Share</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="261"/>
        <source>Calling …</source>
        <translation>Rufe an …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="263"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="269"/>
        <source>Ringing …</source>
        <translation>Es klingelt …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="273"/>
        <source>is calling you</source>
        <translation>ruft Sie an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="280"/>
        <source>Connecting …</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="285"/>
        <source>In call</source>
        <translation>Im Gespräch</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="321"/>
        <source>Camera off</source>
        <translation>Kamera aus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="324"/>
        <source>Stop sharing</source>
        <translation>Freigabe beenden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="352"/>
        <source>✔ Safety number confirmed</source>
        <translation>✔ Sicherheitsnummer bestätigt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="354"/>
        <source>Safety number not compared</source>
        <translation>Sicherheitsnummer nicht verglichen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="376"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="413"/>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="395"/>
        <source>No microphone and no speaker on this PC:
neither of you can hear the other.
Connect a headset, or ask IT.</source>
        <translation>Kein Mikrofon und kein Lautsprecher an diesem PC:
Sie können sich gegenseitig nicht hören.
Bitte schließen Sie ein Headset an
oder wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="400"/>
        <source>No microphone on this PC:
the other side cannot hear you.
Connect one, or ask IT.</source>
        <translation>Kein Mikrofon an diesem PC:
Ihr Gegenüber kann Sie nicht hören.
Bitte schließen Sie eines an
oder wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="405"/>
        <source>No speaker on this PC:
you cannot hear the other side.
Connect one, or ask IT.</source>
        <translation>Kein Lautsprecher an diesem PC:
Sie können Ihr Gegenüber nicht hören.
Bitte schließen Sie einen an
oder wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="426"/>
        <source>Whole screen</source>
        <translation>Ganzer Bildschirm</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="459"/>
        <source>poor connection</source>
        <translation>schlechte Verbindung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="459"/>
        <source>good connection</source>
        <translation>gute Verbindung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="460"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="461"/>
        <source>%1 % lost</source>
        <translation>%1 % verloren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="327"/>
        <source>Unmute</source>
        <translation>Mikrofon an</translation>
    </message>
</context>
<context>
    <name>GroupCallController</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_controller.py" line="145"/>
        <location filename="../../../desktop_app/ui/calls/group_controller.py" line="171"/>
        <source>You left the group call</source>
        <translation>Sie haben den Gruppenanruf verlassen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_controller.py" line="160"/>
        <location filename="../../../desktop_app/ui/calls/group_controller.py" line="234"/>
        <source>Group call from %1</source>
        <translation>Gruppenanruf von %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_controller.py" line="196"/>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_controller.py" line="209"/>
        <source>connecting …</source>
        <translation>wird verbunden …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_controller.py" line="250"/>
        <source>The group call is over</source>
        <translation>Der Gruppenanruf ist beendet</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_controller.py" line="273"/>
        <source>you</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_controller.py" line="298"/>
        <source>poor connection</source>
        <translation>schlechte Verbindung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_controller.py" line="298"/>
        <source>good connection</source>
        <translation>gute Verbindung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_controller.py" line="299"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_controller.py" line="300"/>
        <source>%1 % lost</source>
        <translation>%1 % verloren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_controller.py" line="365"/>
        <source>The group call is full: %1 people are in it already.</source>
        <translation>Der Gruppenanruf ist voll: Es sind bereits %1 Personen darin.</translation>
    </message>
</context>
<context>
    <name>GroupCallWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="47"/>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="143"/>
        <source>Mute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="49"/>
        <source>Mute the microphone (Ctrl+M)</source>
        <translation>Mikrofon stummschalten (Strg+M)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="51"/>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="147"/>
        <source>Camera on</source>
        <translation>Kamera an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="54"/>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="153"/>
        <source>Share screen</source>
        <translation>Bildschirm teilen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="57"/>
        <source>Leave</source>
        <translation>Verlassen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="59"/>
        <source>Leave the group call (Esc)</source>
        <translation>Gruppenanruf verlassen (Esc)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="61"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="109"/>
        <source>Joining the group call …</source>
        <translation>Trete dem Gruppenanruf bei …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="121"/>
        <source>Group call</source>
        <translation>Gruppenanruf</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="143"/>
        <source>Unmute</source>
        <translation>Mikrofon an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="147"/>
        <source>Camera off</source>
        <translation>Kamera aus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_window.py" line="153"/>
        <source>Stop sharing</source>
        <translation>Freigabe beenden</translation>
    </message>
</context>
<context>
    <name>GroupJoinBar</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/join_bar.py" line="29"/>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/join_bar.py" line="30"/>
        <source>Join the group call</source>
        <translation>Dem Gruppenanruf beitreten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/join_bar.py" line="53"/>
        <source>Group call running: %1</source>
        <translation>Gruppenanruf läuft: %1</translation>
    </message>
</context>
<context>
    <name>GroupRingWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_ringing.py" line="28"/>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_ringing.py" line="30"/>
        <source>Join the group call</source>
        <translation>Dem Gruppenanruf beitreten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_ringing.py" line="31"/>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_ringing.py" line="33"/>
        <source>Decline the group call</source>
        <translation>Gruppenanruf ablehnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/group_ringing.py" line="49"/>
        <source>%1 starts a group call in %2</source>
        <translation>%1 startet einen Gruppenanruf in %2</translation>
    </message>
</context>
<context>
    <name>ParticipantTile</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/tiles.py" line="64"/>
        <source>muted</source>
        <translation>stummgeschaltet</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/tiles.py" line="70"/>
        <source>connecting …</source>
        <translation>wird verbunden …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/tiles.py" line="94"/>
        <source>✔ Safety number confirmed</source>
        <translation>✔ Sicherheitsnummer bestätigt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/tiles.py" line="96"/>
        <source>Safety number not compared</source>
        <translation>Sicherheitsnummer nicht verglichen</translation>
    </message>
</context>
</TS>
