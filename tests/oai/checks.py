"""Checks every OAI-PMH test applies to a response: the OAI-PMH 2.0 XSD for the whole
document, and each record's metadata against its own schema."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from doiregistry.metadata.schema_files import compiled_schema, kernel_schema
from doiregistry.metadata.validation_select import choose_schema
from doiregistry.oai.schema_files import oai_schema, response_schema

OAI = "{http://www.openarchives.org/OAI/2.0/}"
OAI_DC = "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
OAI_DATACITE = "{http://schema.datacite.org/oai/oai-1.1/}"


def _own(element: etree._Element) -> etree._Element:
    """``element`` as the root of a document of its own."""
    return etree.fromstring(etree.tostring(element))


def check_payload(metadata: etree._Element) -> None:
    """The content of a ``<metadata>`` element is valid against its own schema."""
    assert len(metadata) == 1
    content = metadata[0]
    if content.tag == OAI_DC:
        assert oai_schema("oai_dc.xsd").errors(_own(content)) == []
        return
    if content.tag == f"{OAI_DATACITE}oai_datacite":
        assert compiled_schema("oai-1.1/oai.xsd").errors(_own(content)) == []
        payload = content.find(f"{OAI_DATACITE}payload")
        assert payload is not None and len(payload) == 1
        content = payload[0]
    assert etree.QName(content).localname == "resource"
    choice = choose_schema(content)
    assert choice.version is not None, choice
    assert kernel_schema(choice.version).errors(_own(content)) == []


def valid(content: bytes) -> etree._Element:
    """The parsed response, after checking the whole document and every payload."""
    root = etree.fromstring(content)
    assert response_schema().errors(root) == []
    for metadata in root.iter(f"{OAI}metadata"):
        check_payload(metadata)
    return root


@dataclass(frozen=True)
class Header:
    identifier: str
    datestamp: str
    sets: tuple[str, ...]
    deleted: bool


def error_code(root: etree._Element) -> str | None:
    error = root.find(f"{OAI}error")
    return None if error is None else error.get("code")


def headers(root: etree._Element) -> list[Header]:
    return [
        Header(
            identifier=header.findtext(f"{OAI}identifier") or "",
            datestamp=header.findtext(f"{OAI}datestamp") or "",
            sets=tuple(spec.text or "" for spec in header.findall(f"{OAI}setSpec")),
            deleted=header.get("status") == "deleted",
        )
        for header in root.iter(f"{OAI}header")
    ]


def token(root: etree._Element) -> etree._Element | None:
    return root.find(f".//{OAI}resumptionToken")


def request_attributes(root: etree._Element) -> dict[str, str]:
    request = root.find(f"{OAI}request")
    assert request is not None
    return dict(request.attrib)
