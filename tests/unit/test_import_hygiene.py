"""The core layers must not import textual or rich, so they stay usable from plain Python."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "wirereader.models",
    "wirereader.paths",
    "wirereader.storage",
    "wirereader.feeds",
    "wirereader.feeds.parse",
    "wirereader.feeds.samples",
    "wirereader.content",
    "wirereader.content.html",
    "wirereader.analysis",
    "wirereader.analysis.evaluate",
    "wirereader.service",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_ui_library(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "loaded = sorted(m for m in ('textual', 'rich') if m in sys.modules)\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{module} imports {result.stdout.strip()}"
