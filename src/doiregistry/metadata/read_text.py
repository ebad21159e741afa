"""Text clean-up applied to free-text metadata, as DataCite does on read.

DataCite treats titles, descriptions, subjects, dates, sizes and formats as
HTML fragments: only a handful of inline tags survive (``b``, ``i``, ``em``,
``strong``, ``code``, ``pre``, ``sub``, ``sup``, ``br``; every other tag is
dropped but its text kept), the fragment is written back as HTML (so ``&``
becomes ``&amp;`` and a literal ``<`` becomes ``&lt;``), and runs of
whitespace collapse to one space with the ends trimmed.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

#: Inline tags kept by :func:`sanitize`.
ALLOWED_TAGS = frozenset({"strong", "em", "b", "i", "code", "pre", "sub", "sup", "br"})
_VOID_TAGS = frozenset({"br"})

_WHITESPACE = re.compile(r"\s+")


def squish(text: str) -> str:
    """Collapse every run of (Unicode) whitespace to one space and trim."""
    return _WHITESPACE.sub(" ", text).strip()


class _FragmentScrubber(HTMLParser):
    """Re-serialises an HTML fragment keeping only :data:`ALLOWED_TAGS`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open_tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            return
        self.parts.append(f"<{tag}>")
        if tag not in _VOID_TAGS:
            self.open_tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            return
        self.parts.append(f"<{tag}>" if tag in _VOID_TAGS else f"<{tag}></{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open_tags:
            return
        while self.open_tags:
            current = self.open_tags.pop()
            self.parts.append(f"</{current}>")
            if current == tag:
                break

    def handle_data(self, data: str) -> None:
        self.parts.append(escape(data, quote=False))

    def result(self) -> str:
        self.close()
        while self.open_tags:
            self.parts.append(f"</{self.open_tags.pop()}>")
        return "".join(self.parts)


def sanitize(text: str) -> str:
    """Scrub an HTML fragment down to the allowed inline tags and squish it."""
    scrubber = _FragmentScrubber()
    scrubber.feed(text)
    return squish(scrubber.result())
