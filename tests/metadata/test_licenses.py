"""SPDX licence recognition for ``rightsList``."""

from __future__ import annotations

from typing import Any

import pytest

from doiregistry.metadata.licenses import (
    find_license,
    get_license,
    license_list_version,
    normalize_license_url,
    normalize_rights,
)

# The SPDX form DataCite returns (recorded response for 10.5438/6423).
CC_BY_4: dict[str, Any] = {
    "rights": "Creative Commons Attribution 4.0 International",
    "rightsUri": "https://creativecommons.org/licenses/by/4.0/legalcode",
    "schemeUri": "https://spdx.org/licenses/",
    "rightsIdentifier": "cc-by-4.0",
    "rightsIdentifierScheme": "SPDX",
}


def test_bundled_list_version() -> None:
    assert license_list_version() == "3.20"
    mit = get_license("mit")
    assert mit is not None and mit.name == "MIT License"


@pytest.mark.parametrize(
    "entry",
    [
        {"rights": "Creative Commons Attribution 4.0 International"},
        {"rights": "CC-BY-4.0"},
        {"rightsIdentifier": "CC-BY-4.0"},
        {"rightsIdentifier": "cc-by-4.0", "rights": "anything"},
        {"rightsUri": "https://creativecommons.org/licenses/by/4.0/legalcode"},
        {"rightsUri": "http://creativecommons.org/licenses/by/4.0"},
        {"rightsUri": "https://creativecommons.org/licenses/by/4.0/"},
        {"rights": "https://creativecommons.org/licenses/by/4.0/"},
    ],
)
def test_matched_by_id_name_or_url(entry: dict[str, Any]) -> None:
    assert normalize_rights(entry) == CC_BY_4


def test_cc0_and_lang_as_datacite_returns_them() -> None:
    # recorded response poodle metadata 4.4: rightsURI http://…/zero/1.0 with xml:lang
    entry = {
        "rights": "CC0 1.0 Universal",
        "rightsUri": "http://creativecommons.org/publicdomain/zero/1.0",
        "lang": "en-US",
    }
    assert normalize_rights(entry) == {
        "rights": "Creative Commons Zero v1.0 Universal",
        "rightsUri": "https://creativecommons.org/publicdomain/zero/1.0/legalcode",
        "rightsIdentifier": "cc0-1.0",
        "rightsIdentifierScheme": "SPDX",
        "schemeUri": "https://spdx.org/licenses/",
        "lang": "en-US",
    }


def test_unknown_rights_keep_their_values() -> None:
    entry = {
        "rights": "4TU General Terms of Use",
        "rightsUri": "https://doi.org/10.4121/resource:terms_of_use",
        "rightsIdentifier": "4TU-TERMS",
        "schemeUri": None,
    }
    assert normalize_rights(entry) == {
        "rights": "4TU General Terms of Use",
        "rightsUri": "https://doi.org/10.4121/resource:terms_of_use",
        "rightsIdentifier": "4tu-terms",
    }
    assert normalize_rights(
        {"rights": "Open Access", "rightsUri": "info:eu-repo/semantics/openAccess"}
    ) == {
        "rights": "Open Access",
        "rightsUri": "info:eu-repo/semantics/openAccess",
    }


def test_by_nd_4_is_not_sent_to_the_2_0_legal_code() -> None:
    found = find_license(uri="https://creativecommons.org/licenses/by-nd/4.0/")
    assert found is not None and found.id == "CC-BY-ND-4.0"


def test_license_urls() -> None:
    assert normalize_license_url("http://creativecommons.org/licenses/by-sa/4.0/") == (
        "https://creativecommons.org/licenses/by-sa/4.0/legalcode"
    )
    assert (
        normalize_license_url("info:eu-repo/semantics/openAccess")
        == "info:eu-repo/semantics/openAccess"
    )
    assert normalize_license_url("www.google.com") is None
    assert normalize_license_url(None) is None


def test_current_licence_ids_win_over_deprecated_ones() -> None:
    found = find_license(uri="https://www.gnu.org/licenses/agpl.txt")
    assert found is not None and not found.deprecated
