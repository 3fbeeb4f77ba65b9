"""The HTML is for people: render the digest email and the full page in headless Chromium and look.

The assertions only prove a real, non-blank image came out; the screenshots
themselves (kept in the test's tmp folder) are for a person to look at.
"""

from collections import Counter
from pathlib import Path

import pytest

from podcast_digest.digest import render_html
from podcast_digest.digest.email import compose_digest
from tests.support.chromium import read_png, screenshot
from tests.support.summaries import sample_summary, sized_summary


def _assert_real_page_image(png: Path, width: int, height: int) -> None:
    image = read_png(png)
    assert (image.width, image.height) == (width, height)
    samples = Counter(
        image.pixel(x, y)[:3] for y in range(0, image.height, 5) for x in range(0, image.width, 5)
    )
    assert len(samples) > 20, "the page rendered as (nearly) one flat colour"
    _background, count = samples.most_common(1)[0]
    assert count / sum(samples.values()) < 0.97, "the page is almost all background"
    assert any(sum(colour) < 200 for colour in samples), "no dark text pixels anywhere"


@pytest.mark.slow
def test_the_digest_email_renders_as_a_real_page_in_chromium(tmp_path):
    message = compose_digest(
        sized_summary(),
        to="listener@example.com",
        sender="digest@example.com",
        full_summary_url="https://digest.example.com/summaries/ep-3f9a1c2b7d",
        unsubscribe_url="https://digest.example.com/unsubscribe?token=abc123",
    )
    html = tmp_path / "digest.html"
    html.write_text(message.html, encoding="utf-8")
    _assert_real_page_image(screenshot(html, tmp_path / "digest.png"), 800, 1600)
    # Phones: the single column must still render at a narrow width.
    _assert_real_page_image(screenshot(html, tmp_path / "digest-phone.png", width=390, height=844), 390, 844)


@pytest.mark.slow
def test_the_full_summary_page_renders_as_a_real_page_in_chromium(tmp_path):
    html = tmp_path / "summary.html"
    html.write_text(render_html(sample_summary()), encoding="utf-8")
    _assert_real_page_image(screenshot(html, tmp_path / "summary.png"), 800, 1600)
