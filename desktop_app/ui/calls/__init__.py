"""Calls in the desktop app: windows, ringing, sound devices (docs/calls.md)."""
