"""OECD Fields of Science (FOS) subjects derived from ``subjects``.

A subject that names an OECD FOS field (``Mathematics`` or
``FOS: Mathematics``), or an ANZSRC Field of Research (by label, or by code
when ``subjectScheme`` is ``FOR``), gets an extra subject::

    {"subject": "FOS: <field>",
     "subjectScheme": "Fields of Science and Technology (FOS)",
     "schemeUri": "http://www.oecd.org/science/inno/38235147.pdf"}

right after it. The ANZSRC-to-FOS correspondence is the one DataCite uses
(``data/fields_of_science.json``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

FOS_SCHEME = "Fields of Science and Technology (FOS)"
FOS_SCHEME_URI = "http://www.oecd.org/science/inno/38235147.pdf"
FOS_PREFIX = "FOS: "


@dataclass(frozen=True)
class _Tables:
    fos_labels: frozenset[str]
    fos_by_id: dict[str, str]
    for_field_by_label: dict[str, str]
    for_field_by_id: dict[str, str]
    for_discipline_by_label: dict[str, str]
    for_discipline_by_id: dict[str, str]


@cache
def _tables() -> _Tables:
    text = files("doiregistry.metadata").joinpath("data/fields_of_science.json").read_text("utf-8")
    raw: dict[str, Any] = json.loads(text)
    fos_by_id = {str(row[0]): str(row[1]) for row in raw["fosFields"]}

    def first_wins(pairs: list[tuple[str, str]]) -> dict[str, str]:
        table: dict[str, str] = {}
        for key, value in pairs:
            table.setdefault(key, value)
        return table

    fields = [(str(r[0]), str(r[1]), fos_by_id[str(r[2])]) for r in raw["forFields"]]
    disciplines = [(str(r[0]), str(r[1]), fos_by_id[str(r[2])]) for r in raw["forDisciplines"]]
    return _Tables(
        fos_labels=frozenset(fos_by_id.values()),
        fos_by_id=fos_by_id,
        for_field_by_label=first_wins([(label, fos) for _, label, fos in fields]),
        for_field_by_id=first_wins([(code, fos) for code, _, fos in fields]),
        for_discipline_by_label=first_wins([(label, fos) for _, label, fos in disciplines]),
        for_discipline_by_id=first_wins([(code, fos) for code, _, fos in disciplines]),
    )


def fos_labels() -> frozenset[str]:
    """Every OECD FOS field label (e.g. ``Mathematics``)."""
    return _tables().fos_labels


def fos_for_label(label: str | None) -> str | None:
    """The FOS field named by ``label`` or ``FOS: label``."""
    if not label:
        return None
    tables = _tables()
    if label in tables.fos_labels:
        return label
    if label.startswith(FOS_PREFIX) and label[len(FOS_PREFIX) :] in tables.fos_labels:
        return label[len(FOS_PREFIX) :]
    return None


def fos_for_anzsrc_label(label: str | None) -> str | None:
    """The FOS field for an ANZSRC FOR field or discipline label."""
    if not label:
        return None
    tables = _tables()
    return tables.for_field_by_label.get(label) or tables.for_discipline_by_label.get(label)


def fos_for_anzsrc_code(code: str | None) -> str | None:
    """The FOS field for an ANZSRC FOR code, as DataCite matches it.

    The code (the first word of a ``FOR`` subject, e.g. ``60102``) is
    left-padded with zeros to six digits and matched as a field code, else by
    its first four digits as a discipline code: ``60102`` → ``060102``
    (Bioinformatics), ``90301`` → discipline ``0903`` (Biomedical Engineering).
    """
    if not code:
        return None
    tables = _tables()
    padded = code.rjust(6, "0")
    return tables.for_field_by_id.get(padded) or tables.for_discipline_by_id.get(padded[:4])


def fos_subject(field: str) -> dict[str, str]:
    """The extra subject DataCite adds for a FOS field."""
    return {"subject": FOS_PREFIX + field, "subjectScheme": FOS_SCHEME, "schemeUri": FOS_SCHEME_URI}


def fos_for_subject(subject: dict[str, Any]) -> str | None:
    """The FOS field a subject maps to, or ``None``.

    ``subject`` uses the JSON attribute keys; its ``subject`` text is compared
    as it was written (before clean-up).
    """
    text = subject.get("subject")
    label = text if isinstance(text, str) else None
    direct = fos_for_label(label)
    if direct:
        return direct
    if subject.get("subjectScheme") == "FOR":
        words = (label or "").split()
        return fos_for_anzsrc_code(words[0] if words else None)
    return fos_for_anzsrc_label(label)
