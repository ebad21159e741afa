"""The one tokenizer of analysed (text) fields, shared by indexing, SQL queries and the
reference evaluator so that every backend agrees on what a word is.

A word is a maximal run of letters and digits (any script), lower-cased, with
diacritics removed: ``"Zürich-Nord 2024"`` → ``["zurich", "nord", "2024"]``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

#: a word is a run of letters and digits, split every 255 characters as
#: Elasticsearch's standard tokenizer does (PostgreSQL's tsvector also refuses
#: words over 2,047 bytes)
MAX_WORD_LENGTH: Final = 255
_WORD: Final = re.compile(rf"[^\W_]{{1,{MAX_WORD_LENGTH}}}")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics (compatibility decomposition)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words of ``text`` in order."""
    return _WORD.findall(fold(text))
