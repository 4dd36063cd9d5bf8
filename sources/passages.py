"""Locating a pasted passage in a document's stored text.

Nobody types offsets by hand: every span in the ledger is found by :func:`locate_passage`.
The exact text is tried first; failing that, the passage and the text are compared with
whitespace runs folded and typographic quotes, apostrophes, dashes and ellipses made plain,
and the match is mapped back to offsets in the stored (unnormalised) text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

_PLAIN = {
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
}


class PassageError(ValidationError):
    """A passage that cannot be anchored to exactly one span."""


class PassageNotFound(PassageError):
    pass


class PassageAmbiguous(PassageError):
    pass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    exact: str


def _normalise(text: str) -> tuple[str, list[int]]:
    """Return the folded text and, for each of its characters, its index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                index.append(i)
            in_space = True
            continue
        in_space = False
        plain = _PLAIN.get(ch, ch)
        out.extend(plain)
        index.extend([i] * len(plain))
    return "".join(out), index


def _all_occurrences(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _too_many(count: int, where: list[int]) -> PassageAmbiguous:
    offsets = ", ".join(str(i) for i in where[:5])
    return PassageAmbiguous(
        "The passage appears %(count)d times in the document (at characters %(offsets)s). "
        "Paste a longer passage so that it matches only once.",
        code="ambiguous",
        params={"count": count, "offsets": offsets},
    )


def locate_passage(text: str, passage: str) -> Span:
    """Find ``passage`` in ``text`` exactly once and return its span in ``text``.

    Raises :class:`PassageNotFound` or :class:`PassageAmbiguous` (both ``ValidationError``),
    with a message meant for the person who pasted the passage.
    """
    if not passage or not passage.strip():
        raise PassageNotFound("Paste the passage from the document.", code="empty")

    exact = _all_occurrences(text, passage)
    if len(exact) == 1:
        start = exact[0]
        return Span(start, start + len(passage), passage)
    if len(exact) > 1:
        raise _too_many(len(exact), exact)

    folded_text, index = _normalise(text)
    folded_passage, _ = _normalise(passage.strip())
    hits = _all_occurrences(folded_text, folded_passage)
    if not hits:
        raise PassageNotFound(
            "The passage was not found in the document, even ignoring differences in "
            "spacing, quotes and dashes. Check that it is copied from this document.",
            code="not_found",
        )
    if len(hits) > 1:
        raise _too_many(len(hits), [index[h] for h in hits])
    first = hits[0]
    start = index[first]
    end = index[first + len(folded_passage) - 1] + 1
    return Span(start, end, text[start:end])
