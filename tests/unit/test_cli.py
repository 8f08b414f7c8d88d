"""The command line: help, version, database location and clear errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from wirereader import __version__
from wirereader.cli import main, make_app
from wirereader.config import load_config
from wirereader.paths import ConfigError, database_path


def test_version_and_help_via_python_m() -> None:
    version = subprocess.run(
        [sys.executable, "-m", "wirereader", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.strip() == f"wirereader {__version__}"
    helped = subprocess.run(
        [sys.executable, "-m", "wirereader", "--help"], capture_output=True, text=True, check=True
    )
    assert "--db PATH" in helped.stdout


def test_database_path_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WIREREADER_DB", str(tmp_path / "env.sqlite"))
    assert database_path(tmp_path / "flag.sqlite") == tmp_path / "flag.sqlite"
    assert database_path() == tmp_path / "env.sqlite"
    monkeypatch.delenv("WIREREADER_DB")
    assert database_path().name == "wirereader.sqlite"


def test_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    assert load_config(config).recogniser == "builtin"
    config.write_text('recogniser = "spacy"\n')
    assert load_config(config).recogniser == "spacy"
    config.write_text('recogniser = "magic"\n')
    with pytest.raises(ConfigError, match="recogniser"):
        load_config(config)
    config.write_text("recogniser = \n")
    with pytest.raises(ConfigError, match=str(config)):
        load_config(config)


def test_make_app_opens_the_given_database(tmp_path: Path) -> None:
    app = make_app(tmp_path / "new.sqlite", tmp_path / "absent.toml")
    try:
        assert app.service.storage.path == tmp_path / "new.sqlite"
    finally:
        app.service.close()


def test_make_app_exports_to_the_configured_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    config = tmp_path / "config.toml"
    config.write_text('export_dir = "~/notes/news"\n')
    app = make_app(tmp_path / "new.sqlite", config)
    try:
        assert app.export_dir == tmp_path / "notes" / "news"
    finally:
        app.service.close()


def test_locked_database_gives_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "locked.sqlite"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        import wirereader.storage.facade as facade

        original = facade.Storage.__init__

        def quick(self: facade.Storage, path: object, *, timeout: float = 5.0) -> None:
            original(self, path, timeout=0.05)  # type: ignore[arg-type]

        monkeypatch.setattr(facade.Storage, "__init__", quick)
        assert main(["--db", str(db)]) == 1
    finally:
        holder.close()
    err = capsys.readouterr().err
    assert err.startswith("wirereader: ") and "locked" in err.lower()


def test_config_numbers(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("refresh_minutes = 0\nkeep_days = 90\nconcurrency = 8\n")
    loaded = load_config(config)
    assert (loaded.refresh_minutes, loaded.keep_days, loaded.concurrency) == (0, 90, 8)
    config.write_text('refresh_minutes = "soon"\n')
    with pytest.raises(ConfigError, match="refresh_minutes"):
        load_config(config)
