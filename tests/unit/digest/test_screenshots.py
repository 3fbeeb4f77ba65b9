"""Every email and summary template as a person sees it: headless Chromium at 1280 and 390 px, light
and dark (the web pages are shot by tests/e2e/test_browser_flow.py).

Fails on layout regressions: sideways scrolling on a phone, a digest grown back to
inline-everything height (or collapsed to nothing), dark mode not applied, text under
4.5:1 contrast as Chromium computes it. The screenshots stay in the test's tmp folder
(pytest --basetemp=DIR keeps them where you want) for a person to look at.
"""

from collections import Counter
from pathlib import Path

import pytest

from podcast_digest.digest import render_html
from podcast_digest.digest.email import compose_digest
from podcast_digest.digest.notices import compose_confirmation
from podcast_digest.digest.roundup_email import RoundupEntry, compose_roundup
from podcast_digest.models import Frequency
from tests.support.chromium import read_png
from tests.support.summaries import sample_summary
from tests.unit.digest.hostile import hostile_summary
from tests.unit.digest.lengths import episode_of
from tests.unit.digest.test_contrast import AA

pytestmark = pytest.mark.slow

WIDTHS = (1280, 390)
BASE = "https://digest.example.com"
LINKS = {
    "full_summary_url": f"{BASE}/summaries/ep-3f9a1c2b7d",
    "unsubscribe_url": f"{BASE}/unsubscribe?token=" + "a" * 150,
    "manage_url": f"{BASE}/manage?token=" + "b" * 150,
}
# Phone (390 px) heights a digest must stay within. The inline-everything digest it replaced
# was 6,766 px for 13 minutes and 38,614 px for 2½ hours; under the lower bound it lost its parts.
PHONE_HEIGHT = {13: (2_500, 5_000), 60: (3_500, 6_500), 180: (5_000, 9_500)}


def _digest(minutes: int, **kwargs) -> str:
    arguments = {"to": "listener@example.com", "sender": "digest@example.com"} | LINKS | kwargs
    return compose_digest(episode_of(minutes), **arguments).html


def _templates() -> dict[str, str]:
    entries = [
        RoundupEntry(sample_summary(episode_id=f"ep{n}", episode_title=f"Episode {n}"), f"{BASE}/s/ep{n}")
        for n in range(3)
    ]
    return {
        "digest-13min": _digest(13),
        "digest-1h": _digest(60),
        "digest-3h": _digest(180),
        "digest-no-web-endpoint": compose_digest(
            hostile_summary(), to="listener@example.com", sender="digest@example.com"
        ).html,
        "roundup": compose_roundup(
            entries,
            to="listener@example.com",
            sender="digest@example.com",
            how_often="weekly",
            period_label="24–30 November",
            unsubscribe_url=LINKS["unsubscribe_url"],
            manage_url=LINKS["manage_url"],
        ).html,
        "summary-page": render_html(sample_summary()),
        "confirmation": compose_confirmation(
            to="listener@example.com",
            sender="digest@example.com",
            sender_name=None,
            confirm_url=f"{BASE}/confirm?token=" + "c" * 150,
            feed_titles=["The Workshop Hour"],
            frequency=Frequency.PER_EPISODE,
            valid_days=7,
        ).html,
    }


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    written = {}
    for name, html in _templates().items():
        written[name] = folder / f"{name}.html"
        written[name].write_text(html, encoding="utf-8")
    return written


def _assert_real_page_image(png: Path, width: int) -> None:
    image = read_png(png)
    assert image.width == width
    samples = Counter(
        image.pixel(x, y)[:3] for y in range(0, min(image.height, 2400), 5) for x in range(0, image.width, 5)
    )
    assert len(samples) > 20, "the page rendered as (nearly) one flat colour"
    _background, count = samples.most_common(1)[0]
    assert count / sum(samples.values()) < 0.97, "the page is almost all background"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "name",
    [
        "digest-13min",
        "digest-1h",
        "digest-3h",
        "digest-no-web-endpoint",
        "roundup",
        "summary-page",
        "confirmation",
    ],
)
def test_every_template_renders_without_sideways_scrolling(browser, pages, tmp_path, name, width):
    for scheme in ("light", "dark"):
        with browser.page(pages[name], width, scheme) as page:
            layout = browser.layout(page, width)
            assert layout.scroll_width <= width, f"{name} scrolls sideways at {width} px ({scheme})"
            png = browser.screenshot(page, tmp_path / f"{name}-{width}-{scheme}.png")
            if width == 390 and scheme == "light" and layout.height < 10_000:
                # The whole email as a phone shows it, for a person to scroll through.
                browser.screenshot(page, tmp_path / f"{name}-{width}-whole.png", full_page=True)
        _assert_real_page_image(png, width)


@pytest.mark.parametrize("minutes", sorted(PHONE_HEIGHT))
def test_a_digest_on_a_phone_stays_a_few_screens_tall_whatever_the_episode_length(browser, pages, minutes):
    name = {13: "digest-13min", 60: "digest-1h", 180: "digest-3h"}[minutes]
    low, high = PHONE_HEIGHT[minutes]
    with browser.page(pages[name], 390) as page:
        height = browser.layout(page, 390).height
    assert low <= height <= high, f"{name}: {height} px tall on a phone, expected {low}–{high}"


def test_dark_mode_styles_apply_in_a_browser_that_asks_for_them(browser, pages):
    backgrounds = {}
    for scheme in ("light", "dark"):
        with browser.page(pages["digest-1h"], 390, scheme) as page:
            backgrounds[scheme] = page.evaluate(
                "[getComputedStyle(document.body).backgroundColor,"
                " getComputedStyle(document.querySelector('h1')).color]"
            )
    assert backgrounds["light"] == ["rgb(243, 241, 236)", "rgb(31, 35, 40)"]
    assert backgrounds["dark"] == ["rgb(23, 24, 26)", "rgb(232, 230, 227)"]


def _contrast(fg: list[float], bg: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", ["digest-1h", "digest-no-web-endpoint", "roundup", "summary-page"])
def test_every_text_chromium_draws_has_contrast_of_at_least_4_5_in_both_schemes(browser, pages, name):
    for scheme in ("light", "dark"):
        with browser.page(pages[name], 390, scheme) as page:
            texts = browser.text_colours(page)
        assert texts
        poor = [
            f"{t['tag']} {t['text']!r}: {_contrast(t['fg'], t['bg']):.2f}"
            for t in texts
            if _contrast(t["fg"], t["bg"]) < AA
        ]
        assert not poor, f"{name} ({scheme}): {poor[:5]}"
