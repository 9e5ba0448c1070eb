<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>CallController</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="185"/>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="276"/>
        <source>Call from %1</source>
        <translation>Anruf von %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="294"/>
        <source>Missed call from %1</source>
        <translation>Verpasster Anruf von %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="296"/>
        <source>Answered on another device</source>
        <translation>Auf einem anderen Gerät angenommen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="297"/>
        <source>%1 declined the call</source>
        <translation>%1 hat den Anruf abgelehnt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="299"/>
        <source>Call declined</source>
        <translation>Anruf abgelehnt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="300"/>
        <source>%1 is busy in another call</source>
        <translation>%1 ist in einem anderen Gespräch</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="301"/>
        <source>%1 did not answer</source>
        <translation>%1 hat nicht abgenommen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="302"/>
        <source>Call cancelled</source>
        <translation>Anruf abgebrochen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="303"/>
        <source>The call could not be connected</source>
        <translation>Der Anruf konnte nicht verbunden werden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="307"/>
        <source>Call ended after %1</source>
        <translation>Gespräch beendet nach %1</translation>
    </message>
</context>
<context>
    <name>CallWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="77"/>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="79"/>
        <source>Accept the call</source>
        <translation>Anruf annehmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="80"/>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="82"/>
        <source>Decline the call</source>
        <translation>Anruf ablehnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="83"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="323"/>
        <source>Mute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="85"/>
        <source>Mute the microphone (Ctrl+M)</source>
        <translation>Mikrofon stummschalten (Strg+M)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="86"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="247"/>
        <source>Camera on</source>
        <translation>Kamera an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="88"/>
        <source>Switch the camera on or off</source>
        <translation>Kamera ein- oder ausschalten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="90"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="254"/>
        <source>Share screen</source>
        <translation>Bildschirm teilen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="92"/>
        <source>Show your screen to the other side</source>
        <translation>Den eigenen Bildschirm der Gegenseite zeigen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="105"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="211"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="216"/>
        <source>Hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="107"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="109"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="115"/>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="111"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="116"/>
        <source>Speaker</source>
        <translation>Lautsprecher</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="191"/>
        <source>Calling …</source>
        <translation>Rufe an …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="193"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="199"/>
        <source>Ringing …</source>
        <translation>Es klingelt …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="203"/>
        <source>is calling you</source>
        <translation>ruft Sie an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="210"/>
        <source>Connecting …</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="215"/>
        <source>In call</source>
        <translation>Im Gespräch</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="247"/>
        <source>Camera off</source>
        <translation>Kamera aus</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="254"/>
        <source>Stop sharing</source>
        <translation>Freigabe beenden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="269"/>
        <source>✔ Safety number confirmed</source>
        <translation>✔ Sicherheitsnummer bestätigt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="271"/>
        <source>Safety number not compared</source>
        <translation>Sicherheitsnummer nicht verglichen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="292"/>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="306"/>
        <source>poor connection</source>
        <translation>schlechte Verbindung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="306"/>
        <source>good connection</source>
        <translation>gute Verbindung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="307"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="308"/>
        <source>%1 % lost</source>
        <translation>%1 % verloren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="323"/>
        <source>Unmute</source>
        <translation>Mikrofon an</translation>
    </message>
</context>
</TS>
