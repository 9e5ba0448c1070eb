"""Lead identity from the channel source code (DICOM CID 3001).

The same twelve leads are coded as MDC "2:n" (or its 32-bit form 131072 + n) and as
SCPECG "5.6.3-9-n" with the same n, so one table serves both. The short name is what
the ECG paper prints; unknown codes fall back to the code meaning.
"""

from __future__ import annotations

import re

LEAD_NAMES: dict[int, str] = {
    1: "I",
    2: "II",
    3: "V1",
    4: "V2",
    5: "V3",
    6: "V4",
    7: "V5",
    8: "V6",
    9: "V7",
    10: "V2R",
    11: "V3R",
    12: "V4R",
    13: "V5R",
    14: "V6R",
    15: "V7R",
    16: "X",
    17: "Y",
    18: "Z",
    61: "III",
    62: "aVR",
    63: "aVL",
    64: "aVF",
    65: "-aVR",
    66: "V8",
    67: "V9",
    68: "V8R",
    69: "V9R",
}

# Conventional paper order (standard 12-lead first).
STANDARD_ORDER = ("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6")

_MDC_PAIR = re.compile(r"^2:(\d+)$")
_SCPECG = re.compile(r"^5\.6\.3-9-(\d+)$")
_MEANING = re.compile(r"^(?:lead\s+)?(-?aV[RLF]|I{1,3}|V\d+R?)\b", re.IGNORECASE)


def lead_number(scheme: str, code: str) -> int | None:
    """The n shared by MDC and SCP-ECG lead codes, or None for anything else."""
    scheme = scheme.strip().upper()
    code = code.strip()
    if scheme == "MDC":
        if match := _MDC_PAIR.match(code):
            return int(match.group(1))
        if code.isdigit() and int(code) >> 16 == 2:  # MDC_ECG_LEAD_* as 32-bit code
            return int(code) & 0xFFFF
    if scheme == "SCPECG" and (match := _SCPECG.match(code)):
        return int(match.group(1))
    return None


def lead_name(scheme: str, code: str, meaning: str) -> str:
    """Short lead label ("II", "aVF", "V4"); falls back to the code meaning."""
    number = lead_number(scheme, code)
    if number is not None and number in LEAD_NAMES:
        return LEAD_NAMES[number]
    if match := _MEANING.match(meaning.strip()):
        label = match.group(1)
        if label.lower().lstrip("-").startswith("av"):
            return ("-" if label.startswith("-") else "") + "aV" + label[-1].upper()
        return label.upper()
    return meaning.strip() or f"{scheme} {code}".strip()
