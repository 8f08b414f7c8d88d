"""Untrusted text loses every terminal escape and control character, and keeps its prose."""

from __future__ import annotations

import pytest

from wirereader.content.sanitize import clean_line, clean_text

ESC = "\x1b"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("a\x00b\x07c\x08d", "abcd", id="c0-controls"),
        pytest.param("a\x0bb\x0cc\x7fd", "abcd", id="vt-ff-del"),
        pytest.param("a\x85b\x8dc\x9fd", "abcd", id="c1-controls"),
        pytest.param(f"{ESC}[31mred{ESC}[0m", "red", id="csi-colour"),
        pytest.param(f"{ESC}[2J{ESC}[1;1Hhome", "home", id="csi-clear-and-move"),
        pytest.param(f"{ESC}[?1049hx", "x", id="csi-private-mode"),
        pytest.param("\x9b31mred", "red", id="8bit-csi"),
        pytest.param(f"a{ESC}]52;c;ZXZpbA==\x07b", "ab", id="osc52-bel"),
        pytest.param(f"a{ESC}]52;c;ZXZpbA=={ESC}\\b", "ab", id="osc52-st"),
        pytest.param(f"a{ESC}]0;title\x9cb", "ab", id="osc-8bit-st"),
        pytest.param(f"a{ESC}]52;c;ZXZpbA==", "a", id="osc-unterminated"),
        pytest.param(f"a{ESC}]8;;http://x{ESC}\\link{ESC}]8;;{ESC}\\b", "alinkb", id="osc8-link"),
        pytest.param("a\x9d0;title\x07b", "ab", id="8bit-osc"),
        pytest.param(f"a{ESC}Pq#0;2;0;0;0{ESC}\\b", "ab", id="dcs-sixel"),
        pytest.param(f"a{ESC}_payload{ESC}\\b", "ab", id="apc"),
        pytest.param(f"a{ESC}Ppayload", "a", id="dcs-unterminated"),
        pytest.param(f"a{ESC}cb", "ab", id="esc-reset"),
        pytest.param(f"a{ESC}(Bb", "ab", id="esc-charset"),
        pytest.param(f"a{ESC}", "a", id="lone-esc"),
        pytest.param("evil\u202etxt.exe", "eviltxt.exe", id="bidi-override"),
        pytest.param("a\u2066b\u2069c\u202ad\u202ce", "abcde", id="bidi-isolates-embeddings"),
        pytest.param("a\u200eb\u200fc\u061cd", "abcd", id="directional-marks"),
        pytest.param("\ufeffbom", "bom", id="byte-order-mark"),
        pytest.param("a\ud800b\udfffc", "abc", id="lone-surrogates"),
        pytest.param("line one\nline two\tcol", "line one\nline two\tcol", id="newline-tab-kept"),
        pytest.param("one\r\ntwo\rthree", "one\ntwo\nthree", id="crlf-normalised"),
        pytest.param(
            "[bold]x[/] [@click=app.quit]q[/]", "[bold]x[/] [@click=app.quit]q[/]", id="markup"
        ),
        pytest.param("café 😀 Ω ž", "café 😀 Ω ž", id="unicode-kept"),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("  Title \n with\t\tgaps  ", "Title with gaps", id="collapses-whitespace"),
        pytest.param("a\r\n\r\nb", "a b", id="newlines-become-space"),
        pytest.param(f"{ESC}[1mBold{ESC}[0m   name", "Bold name", id="escapes-then-collapse"),
        pytest.param("x\u00a0\u00a0y", "x y", id="nbsp-collapsed"),
        pytest.param(" \x00 \x1b[0m ", "", id="nothing-left"),
    ],
)
def test_clean_line(raw: str, expected: str) -> None:
    assert clean_line(raw) == expected


def test_no_escape_survives_mixed_attack() -> None:
    raw = f"ok{ESC}]52;c;{'A' * 1000}\x07{ESC}[31m\x9b2J\u202e{ESC}P1$r{ESC}\\done"
    cleaned = clean_text(raw)
    assert cleaned == "okdone"
