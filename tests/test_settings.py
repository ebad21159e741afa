"""The settings table: it builds Settings, reads the environment with clear errors, and
docs/settings.md is what it generates."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doiregistry.cli import app
from doiregistry.settings import SETTINGS, Setting, SettingError, Settings, settings_markdown

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"
#: a value of each type that differs from every default
SAMPLE = {str: "sample value", int: "7", bool: "false"}


def test_docs_settings_md_is_generated_from_the_table() -> None:
    assert DOCS.read_text(encoding="utf-8") == settings_markdown(), (
        "regenerate it: python -m doiregistry.settings > docs/settings.md"
    )


def test_the_table_and_the_settings_fields_agree() -> None:
    assert [setting.name for setting in SETTINGS] == [item.name for item in fields(Settings)]
    defaults = Settings()
    for setting in SETTINGS:
        assert getattr(defaults, setting.name) == setting.default
        assert setting.env.startswith("DOIREGISTRY_")
        assert setting.help.endswith(".")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda setting: setting.env)
def test_each_setting_is_read_from_its_variable(setting: Setting) -> None:
    text = SAMPLE[setting.kind]
    value = getattr(Settings.from_env({setting.env: text}), setting.name)
    assert value == setting.parse(text)
    assert value != setting.default


def test_an_override_wins_over_the_environment() -> None:
    environ = {"DOIREGISTRY_DATABASE": "sqlite:///from-env.db"}
    assert Settings.from_env(environ).database_url == "sqlite:///from-env.db"
    chosen = Settings.from_env(environ, database_url="sqlite:///chosen.db")
    assert chosen.database_url == "sqlite:///chosen.db"
    assert Settings.from_env(environ, database_url=None).database_url == "sqlite:///from-env.db"


def test_unset_variables_keep_the_defaults() -> None:
    assert Settings.from_env({}) == Settings()


@pytest.mark.parametrize(
    ("env", "text", "message"),
    [
        ("DOIREGISTRY_OAI_PAGE_SIZE", "many", "DOIREGISTRY_OAI_PAGE_SIZE must be a whole number"),
        ("DOIREGISTRY_OAI_PAGE_SIZE", "0", "DOIREGISTRY_OAI_PAGE_SIZE must be at least 1, not 0"),
        ("DOIREGISTRY_OAI_PAGE_SIZE", "2.5", "must be a whole number, not '2.5'"),
        ("DOIREGISTRY_FACETS_BY_DEFAULT", "maybe", "must be true or false"),
    ],
)
def test_a_bad_value_is_a_message_naming_the_variable(env: str, text: str, message: str) -> None:
    with pytest.raises(SettingError, match=message):
        Settings.from_env({env: text})


@pytest.mark.parametrize(
    ("text", "expected"),
    [("TRUE", True), (" yes ", True), ("on", True), ("0", False), ("Off", False)],
)
def test_booleans_take_the_usual_spellings(text: str, expected: bool) -> None:
    assert Settings.from_env({"DOIREGISTRY_FACETS_BY_DEFAULT": text}).facets_by_default is expected


def test_an_unknown_override_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="unknown settings: colour"):
        Settings.from_env({}, colour="blue")


@pytest.mark.parametrize("command", [["serve"], ["db", "current"]])
def test_commands_stop_with_the_message_not_a_traceback(
    command: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DOIREGISTRY_OAI_PAGE_SIZE", "lots")
    monkeypatch.setenv("DOIREGISTRY_DATABASE", f"sqlite:///{tmp_path / 'store.db'}")
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 2
    assert "DOIREGISTRY_OAI_PAGE_SIZE must be a whole number, not 'lots'" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
