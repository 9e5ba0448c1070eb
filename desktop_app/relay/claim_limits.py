"""How many one-time keys a device may take, so no one can drain a colleague's stock.

A claim beyond any limit gets the target's fallback key instead of a one-time key:
the sender's message still goes through (an Olm session from the fallback key is
sound, only without the extra one-time forward secrecy of its first message), and the
target keeps its one-time keys for colleagues who claim at a normal pace. Counts live
in memory per fixed window and are dropped whole when the window ends, so they stay
bounded by the number of enrolled devices; a relay restart starts a fresh window.
Several relay nodes on one PostgreSQL count in the store instead (``SharedClaimLimiter``),
so a device cannot get each node's budget by claiming at each node in turn.
"""

from __future__ import annotations

from collections import Counter
from typing import Protocol

from desktop_app.relay.quotas import RelayLimits


class ClaimLimiter:
    """Counts one-time keys handed out per claimer, per target and per pair."""

    def __init__(self, limits: RelayLimits) -> None:
        self.limits = limits
        self._window = -1
        self._claimer: Counter[str] = Counter()
        self._target: Counter[str] = Counter()
        self._pair: Counter[tuple[str, str]] = Counter()
        self._reported: set[str] = set()

    def allow(self, claimer: str, target: str, now_ms: int) -> bool:
        """True (and counted) if ``claimer`` may take one more one-time key of ``target``."""
        self._roll(now_ms)
        lim = self.limits
        if (
            self._claimer[claimer] >= lim.key_claims_per_claimer
            or self._target[target] >= lim.key_claims_per_target
            or self._pair[(claimer, target)] >= lim.key_claims_per_pair
        ):
            return False
        self._claimer[claimer] += 1
        self._target[target] += 1
        self._pair[(claimer, target)] += 1
        return True

    def first_refusal(self, claimer: str) -> bool:
        """True once per window per claimer: when to write the audit line."""
        if claimer in self._reported:
            return False
        self._reported.add(claimer)
        return True

    def _roll(self, now_ms: int) -> int:
        window = now_ms // (self.limits.key_claim_window_s * 1000)
        if window != self._window:
            self._window = window
            self._claimer.clear()
            self._target.clear()
            self._pair.clear()
            self._reported.clear()
        return window


class ClaimCounts(Protocol):
    def count_key_claim(
        self, claimer: str, target: str, window: int, limits: tuple[int, int, int]
    ) -> bool: ...


class SharedClaimLimiter(ClaimLimiter):
    """The same limits, counted in the store that every relay node shares (called on
    the database thread, like every handler call). Audit lines stay once per node."""

    def __init__(self, limits: RelayLimits, counts: ClaimCounts) -> None:
        super().__init__(limits)
        self._counts = counts

    def allow(self, claimer: str, target: str, now_ms: int) -> bool:
        window = self._roll(now_ms)
        lim = self.limits
        per = (lim.key_claims_per_claimer, lim.key_claims_per_target, lim.key_claims_per_pair)
        return self._counts.count_key_claim(claimer, target, window, per)
