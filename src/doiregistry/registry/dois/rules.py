"""Validation of a DOI about to be saved (spec §5.5).

Some rules always apply; the URL rules apply only when the DOI is (or
becomes) registered or findable, and the metadata rules then too or when the
request asks for validation (``should_validate``, as MDS uploads do).
Every failure is reported, not only the first per field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from doiregistry.domain.errors import FieldError
from doiregistry.metadata.doi import is_valid_new_doi
from doiregistry.metadata.schema_files import enumeration
from doiregistry.metadata.validation import ValidationIssue, registration_issues, with_doi
from doiregistry.metadata.value_messages import not_allowed_message
from doiregistry.registry.dois.domains import url_allowed
from doiregistry.registry.dois.states import DRAFT

_URL_RE: Final = re.compile(r"^(ftp|http|https)://\S+$")
_LANGUAGE_RE: Final = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
_MISSING_RESOURCE_TYPE: Final = re.compile(
    r"Missing child element\(s\)\. Expected is one of \( \{[^}]*\}resourceType\b"
)
CONTRIBUTOR_TYPES: Final = frozenset(
    {
        "ContactPerson",
        "DataCollector",
        "DataCurator",
        "DataManager",
        "Distributor",
        "Editor",
        "HostingInstitution",
        "Other",
        "Producer",
        "ProjectLeader",
        "ProjectManager",
        "ProjectMember",
        "RegistrationAgency",
        "RegistrationAuthority",
        "RelatedPerson",
        "ResearchGroup",
        "RightsHolder",
        "Researcher",
        "Sponsor",
        "Supervisor",
        "Translator",
        "WorkPackageLeader",
    }
)
MAX_RIGHTS_LENGTH: Final = 2000
#: the storage's column sizes (storage/tables.py)
MAX_DOI_LENGTH: Final = 255
MAX_SCHEMA_VERSION_LENGTH: Final = 64


@dataclass
class Candidate:
    """A DOI as it would be saved."""

    doi: str
    state: str
    url: str | None
    xml: str | None
    attributes: dict[str, Any]
    schema_version: str | None
    creating: bool
    should_validate: bool
    client_id: str
    domains: str


def _always(candidate: Candidate) -> list[FieldError]:
    errors: list[FieldError] = []
    if candidate.creating and not is_valid_new_doi(candidate.doi):
        errors.append(FieldError("doi", "Is invalid"))
    if len(candidate.doi) > MAX_DOI_LENGTH:
        errors.append(FieldError("doi", f"Is too long (at most {MAX_DOI_LENGTH} characters)"))
    if candidate.schema_version and len(candidate.schema_version) > MAX_SCHEMA_VERSION_LENGTH:
        errors.append(
            FieldError(
                "schema_version", f"Schema version {candidate.schema_version[:80]} is not known"
            )
        )
    if candidate.url and not _URL_RE.match(candidate.url):
        errors.append(FieldError("url", "URL is not valid"))
    language = candidate.attributes.get("language")
    if language and not _LANGUAGE_RE.match(str(language)):
        errors.append(FieldError("language", f"Language {language} is in an invalid format."))
    for rights in candidate.attributes.get("rightsList") or []:
        if isinstance(rights, dict) and len(str(rights.get("rights") or "")) > MAX_RIGHTS_LENGTH:
            errors.append(
                FieldError(
                    "rights_list",
                    f"Rights should not be longer than {MAX_RIGHTS_LENGTH} characters.",
                )
            )
    if (candidate.schema_version or "").endswith("kernel-4"):
        for contributor in candidate.attributes.get("contributors") or []:
            kind = contributor.get("contributorType") if isinstance(contributor, dict) else None
            if not isinstance(kind, str) or kind not in CONTRIBUTOR_TYPES:
                errors.append(
                    FieldError(
                        "contributors",
                        f"Contributor type {kind} is not supported in schema 4."
                        if kind
                        else "Contributor type is required in schema 4.",
                    )
                )
    return errors


def _url_for_registration(candidate: Candidate) -> list[FieldError]:
    if not candidate.url:
        return [FieldError("url", "Can't be blank")]
    if _URL_RE.match(candidate.url) and not url_allowed(candidate.url, candidate.domains):
        return [
            FieldError(
                "url",
                f"URL {candidate.url} is not allowed by repository {candidate.client_id} "
                "domain settings.",
            )
        ]
    return []


def _is_missing_resource_type(issue: ValidationIssue) -> bool:
    # libxml2 lists resourceType first among the expected children only when it is
    # the next required one, i.e. when it is missing.
    return issue.element == "resource" and _MISSING_RESOURCE_TYPE.search(issue.message) is not None


def _unknown_resource_type(candidate: Candidate) -> FieldError | None:
    """A JSON ``resourceTypeGeneral`` outside the XSD's list, named with the allowed values.

    The writer leaves such a value out, so the XSD would only say that
    ``resourceType`` is missing.
    """
    types = candidate.attributes.get("types")
    general = types.get("resourceTypeGeneral") if isinstance(types, dict) else None
    allowed = enumeration("resourceType")
    if general is None or general == "" or general in allowed:
        return None
    text = not_allowed_message("resourceTypeGeneral", str(general), allowed)
    return FieldError("types", with_doi(candidate.doi, text))


def _metadata_for_registration(candidate: Candidate) -> list[FieldError]:
    errors: list[FieldError] = []
    if not candidate.xml:
        errors.append(FieldError("xml", "Can't be blank"))
        return errors
    unknown_type = _unknown_resource_type(candidate)
    for issue in registration_issues(candidate.xml, doi=candidate.doi):
        if unknown_type is not None and _is_missing_resource_type(issue):
            errors.append(unknown_type)
        else:
            errors.append(FieldError(issue.source, issue.title))
    return errors


def validate(candidate: Candidate) -> list[FieldError]:
    """Every rule ``candidate`` breaks, each tagged with the DOI."""
    errors = _always(candidate)
    if candidate.state != DRAFT:
        errors.extend(_url_for_registration(candidate))
    if candidate.state != DRAFT or candidate.should_validate:
        errors.extend(_metadata_for_registration(candidate))
    return [FieldError(e.source, _capitalise(e.title), e.uid or candidate.doi) for e in errors]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
