"""Every text colour of the emails against the background it sits on: at least 4.5:1 (WCAG AA), light and dark.

Colours are read from the CSS the emails use (email.css inlined, email-dark.css in the one
<style>), so changing a colour there is checked here.
"""

import re
from importlib import resources

import pytest

from podcast_digest.digest.email import inline_styles

AA = 4.5
# (what, light text rule, light background rule, dark text class, dark background class)
PAIRS = [
    ("body text", "part", "card", "tx", "cd"),
    ("headings", "h2", "card", "tx", "cd"),
    ("title", "title", "card", "tx", "cd"),
    ("podcast name", "podcast", "card", "mu", "cd"),
    ("meta line", "meta", "card", "mu", "cd"),
    ("notes", "note", "card", "mu", "cd"),
    ("footer", "foot", "card", "mu", "cd"),
    ("plain timestamp", "tsplain", "card", "mu", "cd"),
    ("kicker", "kicker", "card", "ac", "cd"),
    ("link", "link", "card", "ac", "cd"),
    ("contents link", "toclink", "card", "ac", "cd"),
    ("timestamp link", "ts", "card", "ac", "cd"),
    ("timestamp in quick takes", "ts", "callout", "ac", "co"),
    ("quick takes text", "part", "callout", "tx", "co"),
    ("delivered", "good", "callout", "gd", "co"),
    ("not delivered", "bad", "callout", "bd", "co"),
    ("quote", "part", "quote", "tx", "qt"),
    ("quote attribution", "by", "quote", "mu", "qt"),
    ("timestamp in quote", "ts", "quote", "ac", "qt"),
    ("button", "button", "button", "bt", "bt"),
]


def _hex(declarations: str, prop: str) -> str | None:
    match = re.search(rf"(?:^|;)\s*{prop}\s*:\s*(#[0-9a-fA-F]{{6}})", declarations)
    return match.group(1) if match else None


def _dark_rules() -> dict[str, str]:
    css = resources.files("podcast_digest.digest").joinpath("templates", "email-dark.css").read_text("utf-8")
    dark = css[css.index("@media") :]
    return dict(re.findall(r"\.([a-z]+)\{([^}]*)\}", dark))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(("what", "text", "background", "dark_text", "dark_background"), PAIRS)
def test_text_contrast_is_at_least_4_5_in_light_and_dark(what, text, background, dark_text, dark_background):
    light = inline_styles()
    fg = _hex(light[text], "color") or _hex(light["part"], "color")  # headings inherit the part's ink
    bg = _hex(light[background], "background")
    assert fg, what
    assert bg, what
    assert contrast(fg, bg) >= AA, f"{what} (light): {fg} on {bg} is {contrast(fg, bg):.2f}:1"
    dark = _dark_rules()
    dfg, dbg = _hex(dark[dark_text], "color"), _hex(dark[dark_background], "background")
    assert dfg, what
    assert dbg, what
    assert contrast(dfg, dbg) >= AA, f"{what} (dark): {dfg} on {dbg} is {contrast(dfg, dbg):.2f}:1"
