"""Asyncio client services: connection, outbox, sync, discovery, transfers."""
