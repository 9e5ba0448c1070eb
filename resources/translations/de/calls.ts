<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>CallController</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="173"/>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="243"/>
        <source>Call from %1</source>
        <translation>Anruf von %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="261"/>
        <source>Missed call from %1</source>
        <translation>Verpasster Anruf von %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="263"/>
        <source>Answered on another device</source>
        <translation>Auf einem anderen Gerät angenommen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="264"/>
        <source>%1 declined the call</source>
        <translation>%1 hat den Anruf abgelehnt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="266"/>
        <source>Call declined</source>
        <translation>Anruf abgelehnt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="267"/>
        <source>%1 is busy in another call</source>
        <translation>%1 ist in einem anderen Gespräch</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="268"/>
        <source>%1 did not answer</source>
        <translation>%1 hat nicht abgenommen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="269"/>
        <source>Call cancelled</source>
        <translation>Anruf abgebrochen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="270"/>
        <source>The call could not be connected</source>
        <translation>Der Anruf konnte nicht verbunden werden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="274"/>
        <source>Call ended after %1</source>
        <translation>Gespräch beendet nach %1</translation>
    </message>
</context>
<context>
    <name>CallWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="68"/>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="70"/>
        <source>Accept the call</source>
        <translation>Anruf annehmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="71"/>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="73"/>
        <source>Decline the call</source>
        <translation>Anruf ablehnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="74"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="242"/>
        <source>Mute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="76"/>
        <source>Mute the microphone (Ctrl+M)</source>
        <translation>Mikrofon stummschalten (Strg+M)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="77"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="172"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="177"/>
        <source>Hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="79"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="81"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="87"/>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="83"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="88"/>
        <source>Speaker</source>
        <translation>Lautsprecher</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="152"/>
        <source>Calling …</source>
        <translation>Rufe an …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="154"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="160"/>
        <source>Ringing …</source>
        <translation>Es klingelt …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="164"/>
        <source>is calling you</source>
        <translation>ruft Sie an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="171"/>
        <source>Connecting …</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="176"/>
        <source>In call</source>
        <translation>Im Gespräch</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="188"/>
        <source>✔ Safety number confirmed</source>
        <translation>✔ Sicherheitsnummer bestätigt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="190"/>
        <source>Safety number not compared</source>
        <translation>Sicherheitsnummer nicht verglichen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="211"/>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="225"/>
        <source>poor connection</source>
        <translation>schlechte Verbindung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="225"/>
        <source>good connection</source>
        <translation>gute Verbindung</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="226"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="227"/>
        <source>%1 % lost</source>
        <translation>%1 % verloren</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="242"/>
        <source>Unmute</source>
        <translation>Mikrofon an</translation>
    </message>
</context>
</TS>
