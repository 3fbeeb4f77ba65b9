"""Sign-up, the pages behind emailed links, the archive: what a person reads, escaped and private by default."""

import re

import pytest

from podcast_digest.models import subscriber_id_for
from podcast_digest.subscriptions.service import SubscriptionService
from podcast_digest.subscriptions.signing_key import signer_for
from tests.integration.subscriptions.flow import form, http_event, link_in, parse, token_of
from tests.integration.web.conftest import EPISODE_ID, FEED_ID, SLUG

ADDRESS = "listener@example.org"


def outbox(ctx):
    folder = ctx.settings.outbox_dir
    return sorted(folder.glob("*.eml")) if folder.exists() else []


def confirm_link(ctx) -> str:
    (path,) = outbox(ctx)
    return link_in(parse(path.read_bytes()), "confirm")


def test_the_sign_up_pages_name_the_podcast_and_send_one_confirmation(ctx, api):
    one = api(http_event("GET", f"/podcasts/{SLUG}/subscribe"))
    assert one["statusCode"] == 200
    assert "Subscribe to The Workshop Hour &lt;script&gt;" in one["body"]
    assert f'name="feed_ids" value="{FEED_ID}"' in one["body"]
    assert "<script>alert" not in one["body"]
    every = api(http_event("GET", "/subscribe"))
    assert every["statusCode"] == 200
    assert 'type="radio" name="frequency"' in every["body"]
    sent = api(
        http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=[FEED_ID], frequency="weekly"))
    )
    assert sent["statusCode"] == 202
    assert len(outbox(ctx)) == 1


def test_sign_up_is_rate_limited_per_address_and_per_client_across_instances(ctx, make_api):
    first, second = make_api(), make_api()  # two warm instances (or a restarted serve) share the records
    for _attempt in range(3):
        assert (
            first(http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=[FEED_ID])))[
                "statusCode"
            ]
            == 202
        )
    again = second(http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=[FEED_ID])))
    assert again["statusCode"] == 429
    assert 0 < int(again["headers"]["Retry-After"]) <= 3601
    assert "Too many sign-ups" in again["body"]
    for number in range(7):  # the same client (192.0.2.1 in every event), other addresses
        first(http_event("POST", "/subscribe", body=form(email=f"p{number}@example.org", feed_ids=[FEED_ID])))
    other = second(http_event("POST", "/subscribe", body=form(email="new@example.org", feed_ids=[FEED_ID])))
    assert other["statusCode"] == 429


def test_the_unsubscribe_page_names_podcast_masked_address_frequency_and_offers_manage(ctx, api):
    service = SubscriptionService(ctx, signer_for(ctx.settings))
    api(http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=[FEED_ID], frequency="weekly")))
    service.confirm(token_of(confirm_link(ctx)))
    link = service.unsubscribe_url(subscriber_id_for(ADDRESS), FEED_ID)
    page = api(http_event("GET", "/unsubscribe", query={"token": token_of(link)}))["body"]
    assert "The Workshop Hour &lt;script&gt;" in page
    assert "l•••r@example.org" in page
    assert ADDRESS not in page
    assert "One weekly roundup" in page
    manage = re.search(r'href="(https://digest\.example\.com/manage\?token=[^"]+)"', page)
    assert manage, "unsubscribe offers manage instead"
    assert 'style="' not in page.split("<main>")[1], (
        "buttons are styled by the stylesheet, not the browser's bevel"
    )


def test_a_bad_link_gets_a_capitalised_sentence_not_a_trace(api):
    answer = api(http_event("GET", "/confirm", query={"token": "garbage"}))
    assert answer["statusCode"] == 400
    assert re.search(r"<p>[A-Z][^<]*\.</p>", answer["body"])


def test_the_archive_lists_episodes_with_status_and_sanitised_show_notes(api):
    home = api(http_event("GET", "/"))["body"]
    assert f'href="/podcasts/{SLUG}"' in home
    page = api(http_event("GET", f"/podcasts/{SLUG}"))["body"]
    assert "<b>talk</b>" in page, "show notes keep their safe markup"
    assert "<script>" not in page
    assert "onerror" not in page
    assert f'href="/summaries/{EPISODE_ID}"' in page
    assert "Summarised and sent" in page


@pytest.mark.parametrize(
    "path", ["/", f"/podcasts/{SLUG}", "/search?q=levain", "/atom.xml", f"/podcasts/{SLUG}/atom.xml"]
)
def test_the_archive_is_private_unless_the_operator_says_so(make_api, path):
    private = make_api(archive_public=False)
    route, _, query = path.partition("?")
    answer = private(http_event("GET", route, query=dict([query.split("=")]) if query else None))
    assert answer["statusCode"] == 404
    assert "not public" in answer["body"]
    assert private(http_event("GET", f"/summaries/{EPISODE_ID}"))["statusCode"] == 200, (
        "emailed links still work"
    )
