"""Bad config and arguments: one line naming the problem, exit status 2, nothing written."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from wirereader.cli import main

CONFIGS = {
    "malformed": ("recogniser = \n", "line 1"),
    "unknown key": ('colour = "red"\n', "unknown key 'colour' (known keys: recogniser, "),
    "bad value": ('refresh_minutes = "soon"\n', "refresh_minutes must be a whole number"),
    "bad recogniser": ('recogniser = "magic"\n', "recogniser must be one of builtin, spacy"),
    "not UTF-8": (b"recogniser = '\xff'\n", "utf-8"),
}


@pytest.mark.parametrize("command", [[], ["feeds"], ["refresh"]], ids=["app", "feeds", "refresh"])
@pytest.mark.parametrize("case", CONFIGS)
def test_a_bad_config_is_one_line_and_status_2(
    case: str, command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, problem = CONFIGS[case]
    config, db = tmp_path / "config.toml", tmp_path / "db.sqlite"
    if isinstance(text, bytes):
        config.write_bytes(text)
    else:
        config.write_text(text)
    assert main(["--db", str(db), "--config", str(config), *command]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"wirereader: {config}: ")
    assert problem in err
    assert not db.exists()
    assert gc.isenabled()  # the app's start turns it off until its first frame


@pytest.mark.parametrize("command", [[], ["feeds"]], ids=["app", "feeds"])
def test_a_db_in_a_missing_directory_is_refused(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "typo" / "db.sqlite"
    assert main(["--db", str(db), *command]) == 2
    err = capsys.readouterr().err
    assert err == f"wirereader: {db}: the directory {db.parent} does not exist\n"
    assert not db.parent.exists()


def test_the_environment_variable_is_checked_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIREREADER_DB", str(tmp_path / "missing" / "db.sqlite"))
    assert main(["feeds"]) == 2
    assert "does not exist" in capsys.readouterr().err
