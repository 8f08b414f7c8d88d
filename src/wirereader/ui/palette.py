"""Highlight styles derived per theme, so names and figures stay readable on light and dark.

The Okabe-Ito colours stay distinguishable with the common colour-vision deficiencies; a
colour that would fall below WCAG's 4.5:1 contrast on a theme's background is mixed towards
white (dark themes) or black (light themes) just until it reaches it, which keeps its hue.
Names are bold, figures underlined, so the two families differ even without colour.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rich.style import Style
from textual.theme import Theme

from wirereader.models import Label

MIN_CONTRAST = 4.5
OKABE_ITO: dict[Label, str] = {
    Label.PERSON: "#E69F00",
    Label.ORG: "#56B4E9",
    Label.PLACE: "#009E73",
    Label.MISC: "#CC79A7",
    Label.MONEY: "#F0E442",
    Label.PERCENT: "#D55E00",
    Label.DATE: "#0072B2",
    Label.QUANTITY: "#999999",
}
NAMES = frozenset({Label.PERSON, Label.ORG, Label.PLACE, Label.MISC})
LINK_COLOUR = "#56B4E9"
# search words as (text, background) on dark and on light themes: the text colour is set too,
# so a match reads the same on every theme (white on dim yellow 8.7:1, black on pale 17:1)
MATCH_COLOURS = {True: ("#FFFFFF", "#5C4B00"), False: ("#000000", "#FFE9A0")}
# ANSI themes draw on the terminal's own background, which cannot be known: assume the
# darkest or lightest one for the contrast.
ANSI_BACKGROUND = {True: "#000000", False: "#FFFFFF"}

RGB = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Palette:
    """The reader's highlight styles for one theme, and which labels are highlighted."""

    labels: Mapping[Label, Style]
    link: Style
    shown: frozenset[Label] = field(default=frozenset(Label))
    match: Style = field(default=Style(reverse=True))  # search words


def palette_for(
    theme: Theme, shown: frozenset[Label] = frozenset(Label), *, no_color: bool = False
) -> Palette:
    """The highlight styles that read well on `theme`'s background.

    Search words are white on dim yellow on dark themes and black on pale yellow on light
    ones; with NO_COLOR they are in reverse video, as `less` shows its matches, since bold
    alone would look like a name.
    """
    background = theme_background(theme)
    labels = {
        label: Style(
            color=readable(colour, background),
            bold=label in NAMES,
            underline=label not in NAMES,
        )
        for label, colour in OKABE_ITO.items()
    }
    link = Style(color=readable(LINK_COLOUR, background), underline=True)
    dark = luminance(_rgb(background)) < 0.18
    text, behind = MATCH_COLOURS[dark]
    match = Style(reverse=True) if no_color else Style(color=text, bgcolor=behind, bold=True)
    return Palette(labels, link, shown, match)


def theme_background(theme: Theme) -> str:
    """The background colour the reader is drawn on, as `#RRGGBB`."""
    colour = theme.to_color_system().generate()["background"]
    if not colour.startswith("#"):
        return ANSI_BACKGROUND[theme.dark]
    return colour[:7]


def readable(colour: str, background: str) -> str:
    """`colour`, mixed towards white or black just enough for 4.5:1 on `background`."""
    base, ground = _rgb(colour), _rgb(background)
    target: RGB = (255, 255, 255) if luminance(ground) < 0.18 else (0, 0, 0)
    for step in range(21):
        mixed = _mix(base, target, step / 20)
        if contrast(mixed, ground) >= MIN_CONTRAST:
            return _hex(mixed)
    return _hex(target)


def contrast(first: RGB, second: RGB) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _mix(base: RGB, target: RGB, amount: float) -> RGB:
    r, g, b = (round(b + (t - b) * amount) for b, t in zip(base, target, strict=True))
    return (r, g, b)


def _rgb(colour: str) -> RGB:
    value = colour.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _hex(rgb: RGB) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)
