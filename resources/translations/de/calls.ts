<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>CallController</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="207"/>
        <source>Call from %1</source>
        <translation>Anruf von %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="225"/>
        <source>Missed call from %1</source>
        <translation>Verpasster Anruf von %1</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="227"/>
        <source>Answered on another device</source>
        <translation>Auf einem anderen Gerät angenommen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="228"/>
        <source>%1 declined the call</source>
        <translation>%1 hat den Anruf abgelehnt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="230"/>
        <source>Call declined</source>
        <translation>Anruf abgelehnt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="231"/>
        <source>%1 is busy in another call</source>
        <translation>%1 ist in einem anderen Gespräch</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="232"/>
        <source>%1 did not answer</source>
        <translation>%1 hat nicht abgenommen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="233"/>
        <source>Call cancelled</source>
        <translation>Anruf abgebrochen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="234"/>
        <source>The call could not be connected</source>
        <translation>Der Anruf konnte nicht verbunden werden</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/controller.py" line="238"/>
        <source>Call ended after %1</source>
        <translation>Gespräch beendet nach %1</translation>
    </message>
</context>
<context>
    <name>CallWindow</name>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="52"/>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="54"/>
        <source>Accept the call</source>
        <translation>Anruf annehmen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="55"/>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="57"/>
        <source>Decline the call</source>
        <translation>Anruf ablehnen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="58"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="171"/>
        <source>Mute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="60"/>
        <source>Mute the microphone (Ctrl+M)</source>
        <translation>Mikrofon stummschalten (Strg+M)</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="61"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="137"/>
        <location filename="../../../desktop_app/ui/calls/window.py" line="142"/>
        <source>Hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="63"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="117"/>
        <source>Calling …</source>
        <translation>Rufe an …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="119"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="125"/>
        <source>Ringing …</source>
        <translation>Es klingelt …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="129"/>
        <source>is calling you</source>
        <translation>ruft Sie an</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="136"/>
        <source>Connecting …</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="141"/>
        <source>In call</source>
        <translation>Im Gespräch</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="153"/>
        <source>✔ Safety number confirmed</source>
        <translation>✔ Sicherheitsnummer bestätigt</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="155"/>
        <source>Safety number not compared</source>
        <translation>Sicherheitsnummer nicht verglichen</translation>
    </message>
    <message>
        <location filename="../../../desktop_app/ui/calls/window.py" line="171"/>
        <source>Unmute</source>
        <translation>Mikrofon an</translation>
    </message>
</context>
</TS>
