"""RIS: CR LF lines from ``TY`` to ``ER``."""

from __future__ import annotations

from tests.formats.records import STAGE_SINGLE, recorded_record

from doiregistry.formats.ris import ris


def test_dataset_starts_with_data() -> None:
    text = ris(recorded_record("10.1594_pangaea.836178"))
    lines = text.split("\r\n")
    assert lines[0] == "TY  - DATA"
    assert lines[1] == (
        "T1  - Hydrological and meteorological investigations in a lake near "
        "Kangerlussuaq, west Greenland"
    )
    assert lines[2:10] == [
        "AU  - Johansson, Emma",
        "AU  - Berglund, Sten",
        "AU  - Lindborg, Tobias",
        "AU  - Petrone, Johannes",
        "AU  - van As, Dirk",
        "AU  - Gustafsson, Lars-Göran",
        "AU  - Näslund, Jens-Ove",
        "AU  - Laudon, Hjalmar",
    ]
    assert "DO  - 10.1594/pangaea.836178" in lines
    assert "KW  - Multiple investigations" in lines
    assert lines[-3:] == ["PY  - 2014", "PB  - PANGAEA", "ER  - "]


def test_journal_article_details() -> None:
    lines = ris(recorded_record("10.1016_s0191-6599_01_00017-1", STAGE_SINGLE)).split("\r\n")
    assert lines[0] == "TY  - JOUR"
    assert lines[2] == "T2  - History of European Ideas"
    assert lines[-7:] == [
        "PB  - Informa UK Limited",
        "VL  - 26",
        "IS  - 3-4",
        "SP  - 177",
        "EP  - 199",
        "SN  - 1873-541X",
        "ER  - ",
    ]


def test_organisation_author_and_software_type() -> None:
    assert ris(recorded_record("10.4232_1.2745")).split("\r\n")[2] == (
        "AU  - Europäische Kommission"
    )
    assert ris(recorded_record("10.5281_zenodo.28518")).startswith("TY  - COMP\r\n")
