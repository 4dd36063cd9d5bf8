"""Search text as typed by a person, made safe for any database before it is used."""

from __future__ import annotations

import unicodedata

MAX_QUERY = 200


def query_text(raw: str | None, limit: int = MAX_QUERY) -> str:
    """Drop control characters (NUL would break PostgreSQL), fold whitespace, cap the length."""
    if not raw:
        return ""
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in raw[: limit * 4]
        if ch.isspace() or unicodedata.category(ch)[0] != "C"
    )
    return " ".join(kept.split())[:limit]
