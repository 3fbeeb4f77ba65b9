"""The whole web flow in headless Chromium against `podcast-digest serve` on loopback, with the outbox.

Sign-up page → submit → the confirmation email's link → Confirm → run the
pipeline → the digest → its full-summary link → search finds a phrase of the
transcript, and the hit links to that second of the audio → one-click
unsubscribe as a mail provider sends it → the next digest does not go.
Every page is shot at 1280 and 390 px and must not scroll sideways on a phone.
"""

import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.support.browser import browser, shoot  # noqa: F401 - the session fixture
from tests.support.web import AUDIO_URL, PHRASE_SECONDS, cli, link_in, messages_to, serving, write_podcast

ADDRESS = "listener@example.org"


def one_click(url: str) -> int:
    """RFC 8058: a POST to the List-Unsubscribe URL, body List-Unsubscribe=One-Click, no cookies."""
    request = urllib.request.Request(
        url,
        data=b"List-Unsubscribe=One-Click",
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status


@pytest.mark.slow
def test_sign_up_confirm_digest_read_search_and_unsubscribe_in_a_real_browser(browser, tmp_path):  # noqa: F811
    home, shots = tmp_path / "home", tmp_path / "shots"
    shots.mkdir()
    feed = write_podcast(tmp_path / "podcast", ["ep1"])
    assert cli(home, "feeds", "add", str(feed)).returncode == 0

    with serving(home) as url:
        page = browser.new_page()
        page.goto(f"{url}/")
        shoot(page, shots, "home")
        page.click("text=Garden Hour <Live>")
        assert page.locator("h1").inner_text() == "Garden Hour <Live>", "the title is text, not markup"
        assert page.locator("script").count() == 0, "show notes sanitised"
        assert page.locator("img").count() == 0
        shoot(page, shots, "podcast")

        page.click("text=Subscribe by email")
        assert "Subscribe to Garden Hour <Live>" in page.locator("h1").inner_text()
        shoot(page, shots, "signup")
        page.fill("input[name=email]", ADDRESS)
        page.click("button:has-text('Subscribe')")
        assert page.locator("h1").inner_text() == "Check your inbox"
        shoot(page, shots, "check-inbox")

        (confirmation,) = messages_to(home, ADDRESS, "Confirm")
        page.goto(link_in(confirmation, rf"{url}/confirm\?token=[\w.%-]+"))
        card = page.locator(".card").inner_text()
        assert "Garden Hour <Live>" in card
        assert "l•••r@example.org" in card
        assert "Every episode" in card
        shoot(page, shots, "confirm")
        page.click("button:has-text('Yes, send me summaries')")
        assert page.locator("h1").inner_text() == "You are subscribed"
        shoot(page, shots, "subscribed")

        ran = cli(home, "run", public_base_url=url)
        assert ran.returncode == 0, ran.stdout + ran.stderr
        (digest,) = messages_to(home, ADDRESS, "summary")
        page.goto(link_in(digest, rf"{url}/summaries/[\w-]+"))
        assert "Balcony tomatoes, part 1" in page.locator("h1").inner_text()
        assert page.locator(".site-bar input[type=search]").count() == 1, "a search box on every page"
        shoot(page, shots, "summary")

        page.fill(".site-bar input[type=search]", "marigold roots")
        page.click(".site-bar button")
        hit = page.locator("a.ts").first
        assert hit.get_attribute("href") == AUDIO_URL.format(guid="ep1") + f"#t={PHRASE_SECONDS}"
        assert page.locator("mark").all_inner_texts()[:2] == ["marigold", "roots"]
        shoot(page, shots, "search")

        unsubscribe = str(digest["List-Unsubscribe"]).strip("<>")
        page.goto(unsubscribe)
        shoot(page, shots, "unsubscribe")
        page.click("a:has-text('Manage your subscription instead')")
        assert "l•••r@example.org" in page.locator("main").inner_text()
        assert page.locator("input[name=feed_ids]").is_checked()
        shoot(page, shots, "manage")
        assert urlsplit(unsubscribe).hostname == "127.0.0.1"
        assert one_click(unsubscribe) == 200

        page.goto(f"{url}/no/such/page")
        assert page.locator("h1").inner_text() == "Page not found"
        shoot(page, shots, "not-found")
        page.close()

    write_podcast(tmp_path / "podcast", ["ep1", "ep2"])
    again = cli(home, "run", "--force", public_base_url=url)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "1 digested" in again.stdout, "the new episode went through the pipeline"
    assert len(messages_to(home, ADDRESS, "summary")) == 1, "but no digest went to the unsubscribed address"
    assert len(list(shots.glob("*.png"))) == 22
