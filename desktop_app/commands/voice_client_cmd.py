"""`wardlink client … send-voice TO FILE.wav`: a voice message from a 16-bit PCM WAV file,
encoded to Opus in memory (services/voice.py) and sent as an encrypted attachment."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from desktop_app.commands.id_args import add_id_argument
from desktop_app.services.messenger import Messenger
from desktop_app.services.voice import encode_wav, send_voice

Runner = Callable[..., Callable[[argparse.Namespace], int]]
MAX_WAV_BYTES = 200 * 1024 * 1024  # 15 min of 48 kHz stereo is about 170 MB


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner) -> None:
    p = actions.add_parser("send-voice", help="send a voice message from a WAV file (Opus)")
    add_id_argument(p, "to", "a uid or a conversation id")
    p.add_argument("path", type=Path, help="16-bit PCM WAV, mono or stereo, any rate")
    p.set_defaults(handler=run(_send_voice, offline_ok=True))


async def _send_voice(m: Messenger, args: argparse.Namespace) -> int:
    path: Path = args.path
    if path.stat().st_size > MAX_WAV_BYTES:
        raise SystemExit(f"wardlink: {path} is too large for a voice message")
    clip = encode_wav(path.read_bytes())
    message = await send_voice(m, args.to, clip)
    print(
        f"sent {message.message_id} to {message.conversation_id} ({message.state.value}) "
        f"{clip.duration_ms} ms"
    )
    return 0
