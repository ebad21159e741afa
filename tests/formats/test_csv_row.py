"""CSV: DataCite's header and one row per DOI."""

from __future__ import annotations

import csv
import dataclasses
import io

from tests.formats.records import recorded_record

from doiregistry.formats.csv_row import HEADER, csv_document, csv_values


def test_header_and_row() -> None:
    text = csv_document([recorded_record("10.1594_pangaea.836178")])
    assert text.startswith(
        "doi,url,registered,state,resourceTypeGeneral,resourceType,title,author,publisher,"
        "publicationYear\n"
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(HEADER)
    assert rows[1] == [
        "10.1594/pangaea.836178",
        "https://doi.pangaea.de/10.1594/PANGAEA.836178",
        "2014-11-05",
        "findable",
        "Dataset",
        "Supplementary Dataset",
        "Hydrological and meteorological investigations in a lake near Kangerlussuaq, "
        "west Greenland",
        "Johansson, Emma and Berglund, Sten and Lindborg, Tobias and Petrone, Johannes and "
        "van As, Dirk and Gustafsson, Lars-Göran and Näslund, Jens-Ove and Laudon, Hjalmar",
        "PANGAEA",
        "2014",
    ]
    assert text.endswith("2014\n")


def test_missing_values_are_empty_cells() -> None:
    draft = dataclasses.replace(
        recorded_record("10.5281_zenodo.28518"), state="draft", registered=None
    )
    values = csv_values(draft)
    assert values[2] is None and values[3] == "draft" and values[5] is None
    row = list(csv.reader(io.StringIO(csv_document([draft]))))[1]
    assert row[2] == "" and row[5] == ""
