"""ISO 3166-1 alpha-2 country codes and the DataCite world region each belongs to.

DataCite derives a member's ``region`` from its ``country``: ``AMER`` (the
Americas), ``APAC`` (Asia and the Pacific) or ``EMEA`` (Europe, the Middle East
and Africa). Western Asia counts as EMEA; the rest of Asia and Oceania as APAC.
"""

from __future__ import annotations

from typing import Final

_AMER: Final = (
    "AG AI AR AW BB BL BM BO BQ BR BS BV BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GS GT GY "
    "HN HT JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT UM US UY VC VE VG VI"
)
_APAC: Final = (
    "AF AQ AS AU BD BN BT CC CK CN CX FJ FM GU HK HM ID IN IO IR JP KG KH KI KP KR KZ LA LK MH "
    "MM MN MO MP MV MY NC NF NP NR NU NZ PF PG PH PK PN PW SB SG TH TJ TK TL TM TO TV TW UZ VN "
    "VU WF WS"
)
_EMEA: Final = (
    "AD AE AL AM AO AT AX AZ BA BE BF BG BH BI BJ BW BY CD CF CG CH CI CM CV CY CZ DE DJ DK DZ "
    "EE EG EH ER ES ET FI FO FR GA GB GE GG GH GI GM GN GQ GR GW HR HU IE IL IM IQ IS IT JE JO "
    "KE KM KW LB LI LR LS LT LU LV LY MA MC MD ME MG MK ML MR MT MU MW MZ NA NE NG NL NO OM PL "
    "PS PT QA RE RO RS RU RW SA SC SD SE SH SI SJ SK SL SM SN SO SS ST SY SZ TD TF TG TN TR TZ "
    "UA UG VA YE YT ZA ZM ZW"
)

REGION_OF_COUNTRY: Final[dict[str, str]] = {
    code: region
    for region, codes in (("AMER", _AMER), ("APAC", _APAC), ("EMEA", _EMEA))
    for code in codes.split()
}

REGION_TITLES: Final = {
    "AMER": "Americas",
    "APAC": "Asia and Pacific",
    "EMEA": "Europe, Middle East and Africa",
}


def region_of(country: object) -> str | None:
    """The region of an alpha-2 country code (any case), or ``None`` (also for non-strings)."""
    return REGION_OF_COUNTRY.get(country.upper()) if isinstance(country, str) else None
