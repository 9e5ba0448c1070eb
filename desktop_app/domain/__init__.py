"""Identifiers and frozen value objects shared by every layer; no I/O at all."""
