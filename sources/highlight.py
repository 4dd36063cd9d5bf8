"""Cut a document's text into segments, marking the ones that recorded spans cover."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any


@dataclass
class Segment:
    text: str
    start: int
    items: list[Any] = field(default_factory=list)

    @property
    def marked(self) -> bool:
        return bool(self.items)


def segments(text: str, spans: list[tuple[int, int, Any]]) -> list[Segment]:
    """Split ``text`` at every span boundary; each segment lists the items covering it.
    Overlapping spans are fine: the overlap is one segment carrying both items."""
    bounds = {0, len(text)}
    for start, end, _ in spans:
        if 0 <= start < end <= len(text):
            bounds.update((start, end))
    cuts = sorted(bounds)
    out = []
    for left, right in pairwise(cuts):
        covering = [item for start, end, item in spans if start <= left and right <= end]
        out.append(Segment(text[left:right], left, covering))
    return out
