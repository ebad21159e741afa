"""What the search index holds for one DOI: the values, coded words and relations that
the search layer derives from a record (:mod:`doiregistry.search.extract`) and the
storage layer writes into its side tables (:mod:`doiregistry.storage.search_index`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

#: longest value kept in ``doi_values`` (text fields are matched through words)
MAX_VALUE_LENGTH: Final = 512
#: the longest DOI a record can have (``dois.doi``)
MAX_DOI_LENGTH: Final = 255
#: a token that never matches: separates the values of one field in the word stream
VALUE_GAP: Final = "x:0"


@dataclass(frozen=True)
class ValueRow:
    """One value of one field: raw for ``keyword``, folded for ``keyword_ci``,
    empty for ``text`` (presence only), with the number of ``number`` fields."""

    path: str
    value: str
    value_num: float | None


@dataclass
class IndexEntry:
    """The search index's view of one DOI."""

    values: list[ValueRow] = field(default_factory=list)
    #: code → list of values, each a list of words
    words: dict[str, list[list[str]]] = field(default_factory=dict)
    relations: list[tuple[str, str]] = field(default_factory=list)
    title_sort: str | None = None

    def word_stream(self) -> list[str]:
        """Coded words in index order, values separated by :data:`VALUE_GAP`."""
        stream: list[str] = []
        for code in sorted(self.words):
            for value in self.words[code]:
                if stream:
                    stream.append(VALUE_GAP)
                stream.extend(f"{code}:{word}" for word in value)
        return stream
