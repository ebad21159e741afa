"""JATS (``application/vnd.jats+xml``): one ``element-citation``, after bolognese's writer.

``publication-type`` comes from the resource type (``data``, ``journal``,
``book`` …). Creators form the author group and every contributor the editor
group, as in DataCite's output. Two fixes: a person or organisation without a
family name is written as ``string-name`` (DataCite writes an empty
``name``), and without an Issued date the year is the publication year
(DataCite writes an empty ``year``).
"""

from __future__ import annotations

from typing import Any, Final

from lxml import etree

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.formats.metadata_values import (
    container_of,
    date_of_type,
    date_parts,
    doi_name,
    people,
    publication_year,
    publisher_name,
    title,
    types_of,
)

#: JATS publication type of Crossref-style ``resourceType`` values
_BY_RESOURCE_TYPE: Final = {
    "Proceedings": "working-paper",
    "ReferenceBook": "book",
    "JournalIssue": "journal",
    "ProceedingsArticle": "working-paper",
    "Dataset": "data",
    "EditedBook": "book",
    "JournalArticle": "journal",
    "Journal": "journal",
    "Report": "report",
    "BookSeries": "book",
    "ReportSeries": "report",
    "BookTrack": "book",
    "Standard": "standard",
    "BookSection": "chapter",
    "BookPart": "chapter",
    "Book": "book",
    "BookChapter": "chapter",
    "StandardSeries": "standard",
    "Monograph": "book",
    "JournalVolume": "journal",
    "BookSet": "book",
}
#: JATS publication type of schema.org types
_BY_SCHEMA_ORG: Final = {
    "Article": "journal",
    "Book": "book",
    "DataCatalog": "data",
    "Dataset": "data",
    "PublicationIssue": "journal",
    "ScholarlyArticle": "journal",
    "SoftwareSourceCode": "software",
    "WebSite": "website",
}
_TITLE_ELEMENTS: Final = {
    "data": "data-title",
    "journal": "article-title",
    "chapter": "chapter-title",
}


def publication_type(attributes: dict[str, Any]) -> str | None:
    """The ``publication-type`` of the citation, if one is known."""
    types = types_of(attributes)
    return _BY_RESOURCE_TYPE.get(str(types.get("resourceType"))) or _BY_SCHEMA_ORG.get(
        str(types.get("schemaOrg"))
    )


def _child(parent: etree._Element, tag: str, text: Any = None, **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = str(text)
    return element


def _person_group(parent: etree._Element, group: str, persons: list[dict[str, Any]]) -> None:
    if not persons:
        return
    element = _child(parent, "person-group", **{"person-group-type": group})
    for person in persons:
        if person.get("familyName"):
            name = _child(element, "name")
            _child(name, "surname", person["familyName"])
            if person.get("givenName"):
                _child(name, "given-names", person["givenName"])
        elif person.get("name"):
            _child(element, "string-name", person["name"])


def _date(parent: etree._Element, attributes: dict[str, Any]) -> None:
    issued = date_of_type(attributes, "Issued")
    value = issued or publication_year(attributes)
    parts = date_parts(value)["date-parts"][0]
    if not parts:
        return
    attrib = {"iso-8601-date": issued} if issued else {}
    _child(parent, "year", parts[0], **attrib)
    if len(parts) > 1:
        _child(parent, "month", f"{parts[1]:02d}")
    if len(parts) > 2:
        _child(parent, "day", f"{parts[2]:02d}")


def jats_element(record: DoiRecord) -> etree._Element:
    """The ``element-citation`` of one DOI."""
    attributes = record.attributes
    kind = publication_type(attributes)
    container = container_of(attributes)
    root = etree.Element("element-citation", {"publication-type": kind} if kind else {})
    _person_group(root, "author", people(attributes, "creators"))
    _person_group(root, "editor", people(attributes, "contributors"))
    if kind in _TITLE_ELEMENTS:
        _child(root, _TITLE_ELEMENTS[kind], title(attributes))
        _child(root, "source", container.get("title") or publisher_name(attributes))
    else:
        _child(root, "source", title(attributes))
    if publisher_name(attributes) and kind != "data":
        _child(root, "publisher-name", publisher_name(attributes))
    _date(root, attributes)
    for key, tag in (("volume", "volume"), ("issue", "issue"), ("firstPage", "fpage")):
        if container.get(key):
            _child(root, tag, container[key])
    if container.get("lastPage"):
        _child(root, "lpage", container["lastPage"])
    if attributes.get("version"):
        _child(root, "version", attributes["version"])
    _child(root, "pub-id", doi_name(record), **{"pub-id-type": "doi"})
    return root


def jats(record: DoiRecord) -> bytes:
    """One DOI as a JATS XML document."""
    body: bytes = etree.tostring(
        jats_element(record), encoding="UTF-8", xml_declaration=True, pretty_print=True
    )
    return body
