"""Options of one running server (from ``allegedly serve``'s command line)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from allegedly.settings import Settings

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class ServerConfig:
    """What the app needs to know: the store, the analyser's settings and the limits.

    ``allowed_hosts``: Host header values answered (besides the loopback names); ``("*",)``
    answers any. ``allow_private``: analyse-by-URL may fetch private/loopback addresses.
    """

    db_path: Path
    settings: Settings = field(default_factory=Settings)
    max_body_bytes: int = 5_000_000
    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()

    def host_allowed(self, host: str) -> bool:
        """Is ``host`` (a Host header without the port) one this server answers to?"""
        host = host.strip("[]").lower()
        return "*" in self.allowed_hosts or host in LOOPBACK_NAMES or host in {
            h.strip("[]").lower() for h in self.allowed_hosts}
