"""The 64 safety-number emoji names, marked for Qt Linguist (context ``SafetyEmoji``).

``crypto.safety_number.EMOJI_TABLE`` holds the English names; lupdate finds them here
and the dialog shows ``translated(name)`` in the UI language. A test keeps the two
lists equal.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "SafetyEmoji"
NAMES = (
    QT_TRANSLATE_NOOP("SafetyEmoji", "Dog"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Cat"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Lion"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Horse"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Unicorn"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Pig"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Elephant"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Rabbit"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Panda"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Rooster"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Penguin"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Turtle"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Fish"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Octopus"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Butterfly"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Flower"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Tree"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Cactus"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Mushroom"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Globe"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Moon"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Cloud"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Fire"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Banana"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Apple"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Strawberry"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Corn"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Pizza"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Cake"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Heart"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Smiley"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Robot"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Hat"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Glasses"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Spanner"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Santa"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Thumbs Up"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Umbrella"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Hourglass"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Clock"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Gift"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Light Bulb"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Book"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Pencil"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Paperclip"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Scissors"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Lock"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Key"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Hammer"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Telephone"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Flag"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Train"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Bicycle"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Aeroplane"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Rocket"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Trophy"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Ball"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Guitar"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Trumpet"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Bell"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Anchor"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Headphones"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Folder"),
    QT_TRANSLATE_NOOP("SafetyEmoji", "Pin"),
)


def translated(name: str) -> str:
    return QCoreApplication.translate(CONTEXT, name)
