"""Agreement of the XML reader with DataCite's own recorded REST responses.

For every recorded single-DOI JSON:API response in the test data that carries
both the base64 ``xml`` and the ``attributes`` DataCite derived from it,
``present_attributes(xml_to_attributes(xml))`` is compared with the recorded
``attributes``, property by property. The recordings do not say whether
``affiliation=true`` / ``publisher=true`` was asked for; the shape of the
recorded affiliations and publisher tells. List documents (``/dois`` pages)
are reported separately as a held-out check: the reader's rules come from
DataCite's code and the single-DOI responses; two difference kinds
(``missing-person-lists`` and the ORCID-only case of ``name-identifier-form``)
were added after seeing list documents.

Every difference must be explained by one of the named kinds in
:data:`KINDS`; each points to its paragraph in ``docs/compatibility.md``
("Reading DataCite XML"). A kind is a narrow rule that turns one side into the
other; a difference is explained when applying kinds (in order) makes the two
sides equal. Kinds fall in three groups:

* ``drift``: the record was stored by an older DataCite release that read
  XML differently; DataCite's current reader gives what we give;
* ``origin``: the stored JSON did not come from this XML (it came from
  another format, or was edited after the XML was stored);
* ``fix``: DataCite behaviour we deliberately do not copy.

Run with ``-s`` to see the table.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from doiregistry.metadata.errors import MetadataError
from doiregistry.metadata.normalize import normalize_attributes
from doiregistry.metadata.presentation import present_attributes
from doiregistry.metadata.read_dates import UNKNOWN_INFORMATION, is_edtf
from doiregistry.metadata.read_text import squish
from doiregistry.metadata.reader import xml_to_attributes

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
API = TESTDATA / "json" / "api"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "compatibility.md"

PROPERTIES = (
    "identifiers",
    "creators",
    "titles",
    "publisher",
    "container",
    "publicationYear",
    "subjects",
    "contributors",
    "dates",
    "language",
    "types",
    "relatedIdentifiers",
    "relatedItems",
    "sizes",
    "formats",
    "version",
    "rightsList",
    "descriptions",
    "geoLocations",
    "fundingReferences",
    "schemaVersion",
)
#: Properties DataCite's serialiser always renders as a list or an object: a
#: recorded ``null`` there is not a value but a field the record never stored.
LIST_OR_OBJECT = frozenset(PROPERTIES) - {
    "publisher",
    "publicationYear",
    "language",
    "version",
    "schemaVersion",
}
PERSONS = ("creators", "contributors")

STRICT_FLOOR = 0.85
ADJUSTED_TARGET = 0.95


# --------------------------------------------------------------------------
# Loading the recorded responses


@dataclass(frozen=True)
class Case:
    """One recorded DOI: where it came from, its XML and DataCite's attributes."""

    source: str
    held_out: bool
    xml: bytes
    attributes: dict[str, Any]


@dataclass
class Corpus:
    """The cases, plus what was left out and why."""

    cases: list[Case] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def _decoded_xml(attributes: dict[str, Any]) -> bytes | None:
    value = attributes.get("xml")
    if not isinstance(value, str) or not value:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return base64.b64decode(value)


def load_corpus() -> Corpus:
    corpus = Corpus()
    for path in sorted(API.rglob("*.json")):
        relative = str(path.relative_to(TESTDATA))
        if ".request." in path.name:
            corpus.skipped.append((relative, "a client's request payload, not a response"))
            continue
        document = json.loads(path.read_text("utf-8"))
        data = document.get("data") if isinstance(document, dict) else None
        items = [data] if isinstance(data, dict) else data if isinstance(data, list) else []
        for index, item in enumerate(items):
            attributes = item.get("attributes") if isinstance(item, dict) else None
            if not isinstance(attributes, dict):
                continue
            xml = _decoded_xml(attributes)
            if xml is None:
                continue
            source = relative if isinstance(data, dict) else f"{relative}#{index}"
            if xml.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
                corpus.skipped.append((source, "xml attribute holds JSON, not DataCite XML"))
                continue
            if all(attributes.get(name) is None for name in PROPERTIES):
                corpus.skipped.append((source, "response carries no stored metadata (all null)"))
                continue
            corpus.cases.append(Case(source, not isinstance(data, dict), xml, attributes))
    return corpus


CORPUS = load_corpus()


# --------------------------------------------------------------------------
# Named kinds of difference


@dataclass(frozen=True)
class Context:
    """What a rule may look at besides the two values."""

    xml_text: str
    recorded: dict[str, Any]


Rule = Callable[[str, Any, Any, Context], tuple[Any, Any]]


@dataclass(frozen=True)
class Kind:
    """A named, documented kind of difference."""

    name: str  # documented under this name in docs/compatibility.md
    group: str  # drift | origin | fix
    rule: Rule


def _walk(value: Any, transform: Callable[[Any], Any]) -> Any:
    value = transform(value)
    if isinstance(value, dict):
        return {key: _walk(item, transform) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, transform) for item in value]
    return value


def drop_null_keys(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: item for key, item in value.items() if item not in (None, "")}
        if isinstance(value, list):
            return [item for item in value if item != {}]
        return value

    def deep(value: Any) -> Any:
        if isinstance(value, dict):
            return strip({key: deep(item) for key, item in value.items()})
        if isinstance(value, list):
            return strip([deep(item) for item in value])
        return value

    return ours, deep(theirs)


def squish_text(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    def tidy(value: Any) -> Any:
        return squish(value) if isinstance(value, str) else value

    return _walk(ours, tidy), _walk(theirs, tidy)


def own_doi_identifiers(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "identifiers" or not isinstance(theirs, list):
        return ours, theirs
    return ours, [
        i for i in theirs if not (isinstance(i, dict) and i.get("identifierType") == "DOI")
    ]


def identifiers_not_copied(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop == "identifiers" and theirs == [] and ours:
        return [], theirs
    return ours, theirs


def save_normalisation(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop not in ("rightsList", "language", "subjects", "types", "geoLocations"):
        return ours, theirs
    value = [theirs] if prop == "rightsList" and isinstance(theirs, dict) else theirs
    normalized = normalize_attributes({prop: value})[prop]
    return ours, normalized


def _name_words(name: Any) -> Any:
    if not isinstance(name, str):
        return name
    return sorted(re.sub(r"[^\w\s]", " ", name).lower().split())


def name_heuristics(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop not in PERSONS:
        return ours, theirs

    def reduce(persons: Any) -> Any:
        if not isinstance(persons, list):
            return persons
        result = []
        for person in persons:
            if isinstance(person, dict):
                person = {
                    key: value
                    for key, value in person.items()
                    if key not in ("nameType", "givenName", "familyName")
                }
                person["name"] = _name_words(person.get("name"))
            result.append(person)
        return result

    ours, theirs = reduce(ours), reduce(theirs)
    if isinstance(ours, list) and isinstance(theirs, list):
        for mine, recorded in zip(ours, theirs, strict=False):
            if isinstance(mine, dict) and isinstance(recorded, dict):
                our_words, their_words = mine.get("name"), recorded.get("name")
                if (
                    isinstance(our_words, list)
                    and isinstance(their_words, list)
                    and set(their_words) < set(our_words)
                ):
                    # the older parser dropped words it took for suffixes ("JR")
                    mine["name"] = their_words
    return ours, theirs


def name_identifier_form(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop not in PERSONS or not isinstance(ours, list) or not isinstance(theirs, list):
        return ours, theirs
    ours = copy.deepcopy(ours)
    for mine, recorded in zip(ours, theirs, strict=False):
        if not isinstance(mine, dict) or not isinstance(recorded, dict):
            continue
        pairs = zip(
            mine.get("nameIdentifiers") or [], recorded.get("nameIdentifiers") or [], strict=False
        )
        for our_id, their_id in pairs:
            their_value = their_id.get("nameIdentifier")
            our_value = our_id.get("nameIdentifier")
            if their_value is None:
                # an older release dropped identifiers it could not normalise
                our_id.pop("nameIdentifier", None)
            elif (
                isinstance(our_value, str)
                and their_value != our_value
                and their_value == (our_id.get("schemeUri") or "") + our_value
            ):
                # stored as scheme URI + identifier
                our_id["nameIdentifier"] = their_value
            if "schemeUri" not in their_id and their_id.get("nameIdentifier") == our_id.get(
                "nameIdentifier"
            ):
                our_id.pop("schemeUri", None)
        ids = mine.get("nameIdentifiers") or []
        only_orcid_kept = all(i.get("nameIdentifierScheme") != "ORCID" for i in ids)
        if not recorded.get("nameIdentifiers") and ids and only_orcid_kept:
            # older releases kept ORCID iDs only
            mine["nameIdentifiers"] = []
    return ours, theirs


def hidden_affiliation_strings(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop not in PERSONS or not isinstance(ours, list) or not isinstance(theirs, list):
        return ours, theirs
    ours = copy.deepcopy(ours)
    for mine, recorded in zip(ours, theirs, strict=False):
        if (
            isinstance(mine, dict)
            and isinstance(recorded, dict)
            and recorded.get("affiliation") == []
        ):
            mine["affiliation"] = []
    return ours, theirs


def older_person_shape(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop not in PERSONS or not isinstance(ours, list) or not isinstance(theirs, list):
        return ours, theirs
    if not any(isinstance(p, dict) and "type" in p for p in theirs):
        return ours, theirs

    def core(persons: list[Any]) -> list[Any]:
        keys = ("name", "givenName", "familyName", "contributorType")
        return [{k: p[k] for k in keys if k in p} if isinstance(p, dict) else p for p in persons]

    return core(ours), core(theirs)


def missing_person_lists(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop not in PERSONS or not isinstance(theirs, list):
        return ours, theirs
    return ours, [
        {"affiliation": [], "nameIdentifiers": [], **p} if isinstance(p, dict) else p
        for p in theirs
    ]


def given_name_dictionary(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop not in PERSONS or not isinstance(ours, list) or not isinstance(theirs, list):
        return ours, theirs
    ours = copy.deepcopy(ours)
    for index, (mine, recorded) in enumerate(zip(ours, theirs, strict=False)):
        if not isinstance(mine, dict) or not isinstance(recorded, dict):
            continue
        name = mine.get("name")
        given, family = recorded.get("givenName"), recorded.get("familyName")
        if (
            isinstance(name, str)
            and "," not in name
            and "nameType" not in mine
            and recorded.get("nameType") == "Personal"
            and given
            and family
            and name == f"{given} {family}"
        ):
            ours[index] = {
                **mine,
                "nameType": "Personal",
                "name": recorded.get("name"),
                "givenName": given,
                "familyName": family,
            }
    return ours, theirs


def contributor_type_missing(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "contributors" or not isinstance(ours, list) or not isinstance(theirs, list):
        return ours, theirs
    ours = copy.deepcopy(ours)
    for mine, recorded in zip(ours, theirs, strict=False):
        if (
            isinstance(mine, dict)
            and isinstance(recorded, dict)
            and "contributorType" not in recorded
        ):
            mine.pop("contributorType", None)
    return ours, theirs


def subject_scheme_uris(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "subjects":
        return ours, theirs

    def strip(subjects: Any) -> Any:
        if not isinstance(subjects, list):
            return subjects
        result: list[Any] = []
        for subject in subjects:
            if isinstance(subject, dict):
                subject = {k: v for k, v in subject.items() if k not in ("schemeUri", "valueUri")}
            if subject not in result:
                result.append(subject)
        return result

    return strip(ours), strip(theirs)


def non_edtf_dates(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "dates" or not isinstance(theirs, list):
        return ours, theirs
    kept = [
        d
        for d in theirs
        if not isinstance(d, dict)
        or not isinstance(d.get("date"), str)
        or is_edtf(d["date"])
        or d["date"] in UNKNOWN_INFORMATION
    ]
    return ours, kept


def unknown_date_codes(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "dates" or not isinstance(ours, list):
        return ours, theirs
    return [
        d for d in ours if not (isinstance(d, dict) and d.get("date") in UNKNOWN_INFORMATION)
    ], theirs


def older_type_tables(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "types" or not isinstance(ours, dict) or not isinstance(theirs, dict):
        return ours, theirs
    if ours.get("resourceTypeGeneral") != theirs.get("resourceTypeGeneral"):
        return ours, theirs
    derived = ("schemaOrg", "citeproc", "bibtex", "ris")
    return (
        {k: v for k, v in ours.items() if k not in derived},
        {k: v for k, v in theirs.items() if k not in derived},
    )


def doi_as_url(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "relatedIdentifiers" or not isinstance(theirs, list):
        return ours, theirs

    def bare(entry: Any) -> Any:
        if isinstance(entry, dict) and entry.get("relatedIdentifierType") == "DOI":
            value = entry.get("relatedIdentifier")
            if isinstance(value, str) and re.match(r"https?://(dx\.)?doi\.org/", value):
                return {**entry, "relatedIdentifier": value.split("doi.org/", 1)[1].lower()}
        return entry

    return ours, [bare(entry) for entry in theirs]


def padded_doi_dropped(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "relatedIdentifiers" or not isinstance(ours, list) or not isinstance(theirs, list):
        return ours, theirs
    ours = copy.deepcopy(ours)
    for mine, recorded in zip(ours, theirs, strict=False):
        if (
            isinstance(mine, dict)
            and isinstance(recorded, dict)
            and mine.get("relatedIdentifierType") == "DOI"
            and "relatedIdentifier" not in recorded
            and re.search(
                r">\s+" + re.escape(str(mine.get("relatedIdentifier"))), ctx.xml_text, re.I
            )
        ):
            mine.pop("relatedIdentifier", None)
    return ours, theirs


def schema_version_not_stored(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop == "schemaVersion" and theirs is None:
        return theirs, theirs
    return ours, theirs


def container_from_other_format(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop == "container" and isinstance(theirs, dict):
        if theirs and theirs.get("type") not in ("Series", "DataRepository"):
            return theirs, theirs
        if theirs == {} and ours:
            return theirs, theirs
    return ours, theirs


def issued_date_not_added(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "dates" or not isinstance(ours, list) or not isinstance(theirs, list):
        return ours, theirs
    if any(isinstance(d, dict) and d.get("dateType") == "Issued" for d in theirs):
        return ours, theirs
    year = str(ctx.recorded.get("publicationYear"))
    return [
        d for d in ours if not (d.get("dateType") == "Issued" and d.get("date") == year)
    ], theirs


def series_information_missing(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "descriptions" or not isinstance(ours, list) or not isinstance(theirs, list):
        return ours, theirs
    if any(isinstance(d, dict) and d.get("descriptionType") == "SeriesInformation" for d in theirs):
        return ours, theirs
    return [d for d in ours if d.get("descriptionType") != "SeriesInformation"], theirs


def types_from_schema_org(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "types" or not isinstance(ours, dict) or not isinstance(theirs, dict):
        return ours, theirs
    if "resourceType" not in theirs and ours.get("resourceType") == theirs.get("schemaOrg"):
        return theirs, theirs
    return ours, theirs


#: The XML element each comparable property is read from.
ELEMENTS = {
    "language": "language",
    "version": "version",
    "descriptions": "description",
    "subjects": "subject",
    "dates": "date",
    "rightsList": "rights",
}


def json_only_values(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    element = ELEMENTS.get(prop)
    if element is None or ours not in (None, []) or theirs in (None, []):
        return ours, theirs
    if re.search(rf"<(\w+:)?{element}[\s>/]", ctx.xml_text):
        return ours, theirs
    return theirs, theirs


def json_lacks_values(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop == "descriptions" and theirs == [] and ours:
        return theirs, theirs
    return ours, theirs


def rights_uri_not_url(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "rightsList" or not isinstance(ours, list) or not isinstance(theirs, list):
        return ours, theirs
    ours = copy.deepcopy(ours)
    for mine, recorded in zip(ours, theirs, strict=False):
        uri = mine.get("rightsUri") if isinstance(mine, dict) else None
        dropped = isinstance(recorded, dict) and "rightsUri" not in recorded
        if dropped and isinstance(uri, str) and not re.match(r"(https?|ftp)://", uri):
            mine.pop("rightsUri")
    return ours, theirs


def version_not_stored(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop == "version" and theirs is None and ours is not None:
        return theirs, theirs
    return ours, theirs


def award_number_as_uri(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "fundingReferences" or not isinstance(theirs, list):
        return ours, theirs
    fixed = []
    for entry in theirs:
        if isinstance(entry, dict) and entry.get("awardUri") == entry.get("awardNumber"):
            entry = {k: v for k, v in entry.items() if k != "awardUri"}
        fixed.append(entry)
    return ours, fixed


def single_polygon_nested(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "geoLocations" or not isinstance(theirs, list):
        return ours, theirs
    fixed = []
    for location in theirs:
        polygon = location.get("geoLocationPolygon") if isinstance(location, dict) else None
        if isinstance(polygon, list) and len(polygon) == 1 and isinstance(polygon[0], list):
            location = {**location, "geoLocationPolygon": polygon[0]}
        fixed.append(location)
    return ours, fixed


def dates_removed_from_json(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "dates" or not isinstance(ours, list) or not isinstance(theirs, list):
        return ours, theirs
    if theirs and all(entry in ours for entry in theirs) and len(theirs) < len(ours):
        return theirs, theirs
    return ours, theirs


def container_doi_case(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop != "container" or not isinstance(theirs, dict) or theirs.get("identifierType") != "DOI":
        return ours, theirs
    identifier = theirs.get("identifier")
    if isinstance(identifier, str):
        return ours, {**theirs, "identifier": identifier.lower()}
    return ours, theirs


def lost_after_less_than(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[Any, Any]:
    if prop not in ("descriptions", "titles") or not isinstance(ours, list):
        return ours, theirs
    key = "description" if prop == "descriptions" else "title"

    def cut(entry: Any) -> Any:
        if isinstance(entry, dict) and isinstance(entry.get(key), str):
            return {**entry, key: re.sub(r"&lt;.*?&gt;", "", entry[key], flags=re.S)}
        return entry

    return [cut(entry) for entry in ours], theirs


KINDS: tuple[Kind, ...] = (
    Kind("empty-values-stored", "origin", drop_null_keys),
    Kind("whitespace-kept", "drift", squish_text),
    Kind("own-doi-in-identifiers", "drift", own_doi_identifiers),
    Kind("identifiers-not-copied", "drift", identifiers_not_copied),
    Kind("save-normalisation-missing", "drift", save_normalisation),
    Kind("missing-person-lists", "drift", missing_person_lists),
    Kind("given-name-dictionary", "fix", given_name_dictionary),
    Kind("name-heuristics", "drift", name_heuristics),
    Kind("name-identifier-form", "drift", name_identifier_form),
    Kind("affiliation-strings-hidden", "drift", hidden_affiliation_strings),
    Kind("older-person-shape", "drift", older_person_shape),
    Kind("contributor-type-missing", "drift", contributor_type_missing),
    Kind("subject-scheme-uri-dropped", "drift", subject_scheme_uris),
    Kind("non-edtf-dates-kept", "drift", non_edtf_dates),
    Kind("unknown-date-code-dropped", "drift", unknown_date_codes),
    Kind("types-from-schema-org", "origin", types_from_schema_org),
    Kind("older-type-tables", "drift", older_type_tables),
    Kind("doi-as-url", "drift", doi_as_url),
    Kind("rights-uri-not-url", "drift", rights_uri_not_url),
    Kind("version-not-stored", "drift", version_not_stored),
    Kind("award-number-as-uri", "drift", award_number_as_uri),
    Kind("single-polygon-nested", "drift", single_polygon_nested),
    Kind("schema-version-not-stored", "origin", schema_version_not_stored),
    Kind("container-not-from-xml", "origin", container_from_other_format),
    Kind("issued-date-not-added", "origin", issued_date_not_added),
    Kind("series-information-missing", "origin", series_information_missing),
    Kind("json-only-values", "origin", json_only_values),
    Kind("json-lacks-values", "origin", json_lacks_values),
    Kind("dates-removed-from-json", "origin", dates_removed_from_json),
    Kind("padded-doi-dropped", "fix", padded_doi_dropped),
    Kind("container-doi-lower-case", "fix", container_doi_case),
    Kind("text-after-less-than-lost", "fix", lost_after_less_than),
)


# --------------------------------------------------------------------------
# Comparing


@dataclass
class Outcome:
    """Result of one property comparison."""

    source: str
    held_out: bool
    prop: str
    agreed: bool
    kinds: tuple[str, ...] = ()
    ours: Any = None
    theirs: Any = None

    @property
    def explained(self) -> bool:
        return self.agreed or bool(self.kinds)


def explain(prop: str, ours: Any, theirs: Any, ctx: Context) -> tuple[str, ...]:
    """The kinds that, applied in order, make ``ours`` equal ``theirs``; ``()`` if none do."""
    used: list[str] = []
    current_ours, current_theirs = copy.deepcopy(ours), copy.deepcopy(theirs)
    for kind in KINDS:
        new_ours, new_theirs = kind.rule(prop, current_ours, current_theirs, ctx)
        if (new_ours, new_theirs) != (current_ours, current_theirs):
            used.append(kind.name)
            current_ours, current_theirs = new_ours, new_theirs
        if current_ours == current_theirs:
            return tuple(used)
    return ()


def _forms(recorded: dict[str, Any]) -> tuple[bool, bool]:
    """Whether the response used ``affiliation=true`` / ``publisher=true``."""
    persons = [
        person
        for name in PERSONS
        for person in (recorded.get(name) or [])
        if isinstance(person, dict)
    ]
    affiliation = any(
        isinstance(item, dict) for person in persons for item in (person.get("affiliation") or [])
    )
    return affiliation, isinstance(recorded.get("publisher"), dict)


def compare(case: Case) -> list[Outcome]:
    recorded = case.attributes
    affiliation, publisher = _forms(recorded)
    ours = present_attributes(
        xml_to_attributes(case.xml),
        affiliation=affiliation,
        publisher=publisher,
        url=recorded.get("url"),
    )
    ctx = Context(case.xml.decode("utf-8", "replace"), recorded)
    outcomes = []
    for prop in PROPERTIES:
        if prop not in recorded:
            continue
        theirs = recorded[prop]
        if theirs is None and prop in LIST_OR_OBJECT:
            continue
        mine = ours.get(prop)
        if mine == theirs:
            outcomes.append(Outcome(case.source, case.held_out, prop, True))
        else:
            kinds = explain(prop, mine, theirs, ctx)
            outcomes.append(Outcome(case.source, case.held_out, prop, False, kinds, mine, theirs))
    return outcomes


def all_outcomes() -> list[Outcome]:
    outcomes: list[Outcome] = []
    for case in CORPUS.cases:
        outcomes.extend(compare(case))
    return outcomes


OUTCOMES = all_outcomes()
GROUP = {kind.name: kind.group for kind in KINDS}


def _adjusted(outcome: Outcome) -> bool:
    """Agreed, or differs only because DataCite changed or the JSON is not from this XML."""
    return outcome.agreed or (
        bool(outcome.kinds) and all(GROUP[name] in ("drift", "origin") for name in outcome.kinds)
    )


def _report(outcomes: list[Outcome], title: str) -> str:
    lines = [title, f"{'property':<20} {'agree':>7} {'adjusted':>9} {'total':>6}  kinds"]
    for prop in PROPERTIES:
        rows = [o for o in outcomes if o.prop == prop]
        if not rows:
            continue
        kinds = Counter(name for o in rows for name in o.kinds)
        lines.append(
            f"{prop:<20} {sum(o.agreed for o in rows):>7} {sum(map(_adjusted, rows)):>9}"
            f" {len(rows):>6}  " + ", ".join(f"{k}×{n}" for k, n in sorted(kinds.items()))
        )
    total = len(outcomes)
    agreed = sum(o.agreed for o in outcomes)
    adjusted = sum(map(_adjusted, outcomes))
    lines.append(
        f"{'all':<20} {agreed:>7} {adjusted:>9} {total:>6}"
        f"  strict {agreed / total:.1%}, adjusted {adjusted / total:.1%}"
    )
    return "\n".join(lines)


def _describe(outcome: Outcome) -> str:
    return (
        f"{outcome.source} {outcome.prop}:"
        f"\n  ours:   {json.dumps(outcome.ours, ensure_ascii=False)[:400]}"
        f"\n  theirs: {json.dumps(outcome.theirs, ensure_ascii=False)[:400]}"
    )


# --------------------------------------------------------------------------
# Tests


def test_corpus_is_the_recorded_data() -> None:
    singles = {c.source for c in CORPUS.cases if not c.held_out}
    assert len(singles) >= 70
    assert any(c.held_out for c in CORPUS.cases)
    reasons = Counter(reason for _, reason in CORPUS.skipped)
    print("\nskipped:", dict(reasons))
    assert reasons["a client's request payload, not a response"] >= 1


def test_every_recorded_xml_is_read() -> None:
    for case in CORPUS.cases:
        try:
            xml_to_attributes(case.xml)
        except MetadataError as exc:  # pragma: no cover - the assertion reports it
            pytest.fail(f"{case.source}: {exc}")


def test_agreement_with_single_doi_responses() -> None:
    outcomes = [o for o in OUTCOMES if not o.held_out]
    print("\n" + _report(outcomes, "single-DOI responses"))
    unexplained = [o for o in outcomes if not o.explained]
    assert not unexplained, "unexplained differences:\n" + "\n".join(map(_describe, unexplained))
    total = len(outcomes)
    assert sum(o.agreed for o in outcomes) / total >= STRICT_FLOOR
    assert sum(map(_adjusted, outcomes)) / total >= ADJUSTED_TARGET


def test_agreement_with_held_out_list_documents() -> None:
    outcomes = [o for o in OUTCOMES if o.held_out]
    print("\n" + _report(outcomes, "held-out /dois list documents"))
    unexplained = [o for o in outcomes if not o.explained]
    assert not unexplained, "unexplained differences:\n" + "\n".join(map(_describe, unexplained))
    assert sum(map(_adjusted, outcomes)) / len(outcomes) >= ADJUSTED_TARGET


def test_every_kind_is_needed_and_documented() -> None:
    used = {name for o in OUTCOMES for name in o.kinds}
    assert {kind.name for kind in KINDS} == used, "kinds that explain nothing should go"
    docs = DOCS.read_text("utf-8")
    section = docs.split("## Reading DataCite XML", 1)
    assert len(section) == 2, "docs/compatibility.md lacks its 'Reading DataCite XML' section"
    for kind in KINDS:
        assert f"`{kind.name}`" in section[1], f"{kind.name} is not documented"
