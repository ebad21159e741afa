"""Free-text clean-up (HTML scrubbing and whitespace)."""

from __future__ import annotations

import pytest

from doiregistry.metadata.read_text import sanitize, squish


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        # as DataCite stored them (recorded responses 10.6084/m9.figshare.4234751.v1,
        # 10.23725/8na3-9s47, pangaea list items)
        ("<b>RAIN: RNA–protein</b><br>RAIN", "<b>RAIN: RNA–protein</b><br>RAIN"),
        ("TOPMed: NWD165827 <br>HapMap", "TOPMed: NWD165827 <br>HapMap"),
        ("Bay Ship & Yacht", "Bay Ship &amp; Yacht"),
        ("oldest sample >18kyr BP", "oldest sample &gt;18kyr BP"),
        # our own rules
        ("a < b", "a &lt; b"),
        ("<p>Para<span class='x'>graph</span></p>", "Paragraph"),
        ("line<br/>break", "line<br>break"),
        ("<i>open", "<i>open</i>"),
        ("close</b> only", "close only"),
        ("<!-- note -->text", "text"),
        ("  many \n\t spaces\u00a0here  ", "many spaces here"),
    ],
)
def test_sanitize(text: str, cleaned: str) -> None:
    assert sanitize(text) == cleaned


def test_squish() -> None:
    assert squish("\n  a \u2003 b\n") == "a b"
    assert squish("") == ""
