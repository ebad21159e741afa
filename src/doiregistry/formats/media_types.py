"""The metadata formats of content negotiation (spec §10): media types and renderers.

Each format has its registered media type (the ``Content-Type`` of the
answer), the aliases DataCite also accepts, and a function from a DOI to the
body. Only the citation format reads the style and locale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import orjson

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.formats.bibtex import bibtex
from doiregistry.formats.citation import citation
from doiregistry.formats.citeproc_json import citeproc
from doiregistry.formats.codemeta import codemeta
from doiregistry.formats.crosscite import crosscite
from doiregistry.formats.csv_row import csv_document
from doiregistry.formats.datacite_json import datacite_json
from doiregistry.formats.datacite_xml import datacite_xml
from doiregistry.formats.jats import jats
from doiregistry.formats.ris import ris
from doiregistry.formats.schema_org import schema_org


@dataclass(frozen=True)
class CitationOptions:
    """``style`` and ``locale`` of a formatted citation (``None``: the defaults)."""

    style: str | None = None
    locale: str | None = None


Renderer = Callable[[DoiRecord, CitationOptions], bytes]


@dataclass(frozen=True)
class MediaFormat:
    """One metadata format: its name, media types and renderer."""

    name: str
    media_type: str
    aliases: tuple[str, ...]
    render: Renderer

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header of an answer in this format."""
        return f"{self.media_type}; charset=utf-8"


def _json(build: Callable[[DoiRecord], dict[str, Any]]) -> Renderer:
    def render(record: DoiRecord, _options: CitationOptions) -> bytes:
        body: bytes = orjson.dumps(build(record), option=orjson.OPT_INDENT_2)
        return body

    return render


def _text(build: Callable[[DoiRecord], str]) -> Renderer:
    return lambda record, _options: build(record).encode("utf-8")


def _citation(record: DoiRecord, options: CitationOptions) -> bytes:
    return citation(record, options.style, options.locale).encode("utf-8")


FORMATS: Final = (
    MediaFormat(
        "datacite",
        "application/vnd.datacite.datacite+xml",
        ("application/x-datacite+xml",),
        lambda record, _options: datacite_xml(record),
    ),
    MediaFormat(
        "datacite_json", "application/vnd.datacite.datacite+json", (), _json(datacite_json)
    ),
    MediaFormat("crosscite", "application/vnd.crosscite.crosscite+json", (), _json(crosscite)),
    MediaFormat(
        "schema_org",
        "application/vnd.schemaorg.ld+json",
        ("application/ld+json",),
        _json(schema_org),
    ),
    MediaFormat("codemeta", "application/vnd.codemeta.ld+json", (), _json(codemeta)),
    MediaFormat(
        "citeproc",
        "application/vnd.citationstyles.csl+json",
        ("application/citeproc+json",),
        _json(citeproc),
    ),
    MediaFormat("jats", "application/vnd.jats+xml", (), lambda record, _options: jats(record)),
    MediaFormat("bibtex", "application/x-bibtex", (), _text(bibtex)),
    MediaFormat("ris", "application/x-research-info-systems", (), _text(ris)),
    MediaFormat("csv", "text/csv", (), _text(lambda record: csv_document([record]))),
    MediaFormat("citation", "text/x-bibliography", (), _citation),
)

_BY_MEDIA_TYPE: Final = {
    media_type: media_format
    for media_format in FORMATS
    for media_type in (media_format.media_type, *media_format.aliases)
}


def format_for(media_type: str) -> MediaFormat | None:
    """The format of a media type or alias (case-insensitive, parameters ignored)."""
    return _BY_MEDIA_TYPE.get(media_type.split(";", 1)[0].strip().lower())


def format_named(name: str) -> MediaFormat:
    """The format called ``name`` (``bibtex``, ``citation`` …)."""
    for media_format in FORMATS:
        if media_format.name == name:
            return media_format
    raise KeyError(name)
