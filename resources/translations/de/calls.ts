<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>CallChoices</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/call_choices.py" line="59"/>
        <location filename="../../../desktop_app/ui/calls/call_choices.py" line="61"/>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/call_choices.py" line="60"/>
        <location filename="../../../desktop_app/ui/calls/call_choices.py" line="62"/>
        <source>Speaker</source>
        <translation>Lautsprecher</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/call_choices.py" line="63"/>
        <location filename="../../../desktop_app/ui/calls/call_choices.py" line="64"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/call_choices.py" line="65"/>
        <source>What to share</source>
        <translation>Was geteilt wird</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/call_choices.py" line="66"/>
        <source>Share</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/call_choices.py" line="82"/>
        <location filename="../../../desktop_app/ui/calls/call_choices.py" line="96"/>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/call_choices.py" line="111"/>
        <source>Whole screen</source>
        <translation>Ganzer Bildschirm</translation>
    </message>
</context>
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
        <location filename="../../../desktop_app/ui/calls/window.py" line="88"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="190"/>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="90"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="191"/>
        <source>Accept the call</source>
        <translation>Anruf annehmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="91"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="192"/>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="93"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="193"/>
        <source>Decline the call</source>
        <translation>Anruf ablehnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="94"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="302"/>
        <source>Mute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="96"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="195"/>
        <source>Mute the microphone (Ctrl+M)</source>
        <translation>Mikrofon stummschalten (Strg+M)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="97"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="296"/>
        <source>Camera on</source>
        <translation>Kamera an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="99"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="197"/>
        <source>Switch the camera on or off</source>
        <translation>Kamera ein- oder ausschalten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="101"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="299"/>
        <source>Share screen</source>
        <translation>Bildschirm teilen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="103"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="199"/>
        <source>Show your screen to the other side</source>
        <translation>Den eigenen Bildschirm der Gegenseite zeigen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="116"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="256"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="261"/>
        <source>Hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="118"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="200"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="236"/>
        <source>Calling …</source>
        <translation>Rufe an …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="238"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="244"/>
        <source>Ringing …</source>
        <translation>Es klingelt …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="248"/>
        <source>is calling you</source>
        <translation>ruft Sie an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="255"/>
        <source>Connecting …</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="260"/>
        <source>In call</source>
        <translation>Im Gespräch</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="296"/>
        <source>Camera off</source>
        <translation>Kamera aus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="299"/>
        <source>Stop sharing</source>
        <translation>Freigabe beenden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="327"/>
        <source>✔ Safety number confirmed</source>
        <translation>✔ Sicherheitsnummer bestätigt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="329"/>
        <source>Safety number not compared</source>
        <translation>Sicherheitsnummer nicht verglichen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="352"/>
        <source>No microphone and no speaker on this PC:
neither of you can hear the other.
Connect a headset, or ask IT.</source>
        <translation>Kein Mikrofon und kein Lautsprecher an diesem PC:
Sie können sich gegenseitig nicht hören.
Bitte schließen Sie ein Headset an
oder wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="357"/>
        <source>No microphone on this PC:
the other side cannot hear you.
Connect one, or ask IT.</source>
        <translation>Kein Mikrofon an diesem PC:
Ihr Gegenüber kann Sie nicht hören.
Bitte schließen Sie eines an
oder wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="362"/>
        <source>No speaker on this PC:
you cannot hear the other side.
Connect one, or ask IT.</source>
        <translation>Kein Lautsprecher an diesem PC:
Sie können Ihr Gegenüber nicht hören.
Bitte schließen Sie einen an
oder wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="378"/>
        <source>poor connection</source>
        <translation>schlechte Verbindung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="378"/>
        <source>good connection</source>
        <translation>gute Verbindung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="379"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="380"/>
        <source>%1 % lost</source>
        <translation>%1 % verloren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="302"/>
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
