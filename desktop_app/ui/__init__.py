"""PySide6 user interface; ui.bridge is the one place where asyncio meets Qt."""
