"""Subscribe → confirm → digest → one-click unsubscribe → no more mail, locally (SQLite + outbox)."""

import json

from podcast_digest.models import Frequency, SubscriberStatus, subscriber_id_for
from podcast_digest.pipeline.notify import notify_episode
from podcast_digest.subscriptions.bounces import suppress
from tests.integration.subscriptions.flow import (
    FEED_ID,
    click_confirm,
    form,
    html_of,
    http_event,
    link_in,
    one_click_target,
    response_json,
    seed_episode,
    text_of,
    token_of,
)

ADDRESS = "listener@example.org"


def subscribe(api, address: str = ADDRESS, **extra) -> dict:
    return api(http_event("POST", "/subscribe", body=form(email=address, feed_ids=[FEED_ID], **extra)))


def confirm(api, outbox, address: str = ADDRESS) -> dict:
    (message,) = outbox.to(address, "Confirm")
    return click_confirm(api, message)


def test_the_whole_flow_ends_with_no_more_mail(ctx, api, outbox):
    answer = subscribe(api)
    assert answer["statusCode"] == 202
    assert outbox.to(ADDRESS, "Confirm"), "a confirmation email is sent"
    subscriber = ctx.records.get_subscriber(subscriber_id_for(ADDRESS))
    assert subscriber.status is SubscriberStatus.PENDING
    assert ctx.records.list_subscriptions_for_subscriber(subscriber.subscriber_id) == []

    (message,) = outbox.to(ADDRESS, "Confirm")
    link_opened = api(http_event("GET", "/confirm", query={"token": token_of(link_in(message, "confirm"))}))
    assert link_opened["statusCode"] == 200
    assert ctx.records.get_subscriber(subscriber.subscriber_id).status is SubscriberStatus.PENDING, (
        "opening the link (as a mail scanner does) confirms nothing"
    )
    assert confirm(api, outbox)["statusCode"] == 200
    assert ctx.records.get_subscriber(subscriber.subscriber_id).status is SubscriberStatus.CONFIRMED

    ref, _ = seed_episode(ctx, 1)
    assert notify_episode(ctx, ref).sent == 1
    (digest,) = outbox.to(ADDRESS, "summary")
    target = one_click_target(digest)
    assert "Unsubscribe" in html_of(digest)
    assert f"Unsubscribe: {target}" in text_of(digest)
    assert "<script" not in html_of(digest)
    assert "Episode page" in html_of(digest), "the show notes are in, sanitised"

    # RFC 8058: a POST to the header's URL with the one-click body, no cookies, no session.
    one_click = http_event(
        "POST", "/unsubscribe", query={"token": token_of(target)}, body="List-Unsubscribe=One-Click"
    )
    assert "cookies" not in one_click
    assert api(one_click)["statusCode"] == 200
    assert ctx.records.get_subscriber(subscriber.subscriber_id).status is SubscriberStatus.UNSUBSCRIBED

    ref2, _ = seed_episode(ctx, 2)
    result = notify_episode(ctx, ref2)
    assert result.sent == 0
    assert len(outbox.to(ADDRESS, "summary")) == 1, "no more mail after unsubscribing"


def test_a_get_on_the_unsubscribe_link_shows_a_button_and_changes_nothing(ctx, api, outbox, service):
    subscribe(api)
    confirm(api, outbox)
    url = service.unsubscribe_url(subscriber_id_for(ADDRESS), FEED_ID)
    page = api(http_event("GET", "/unsubscribe", query={"token": token_of(url)}))
    assert page["statusCode"] == 200
    assert '<form method="post" action="/unsubscribe">' in page["body"]
    assert page["headers"]["Referrer-Policy"] == "no-referrer"
    assert ctx.records.get_subscriber(subscriber_id_for(ADDRESS)).status is SubscriberStatus.CONFIRMED
    # The page's button posts the token in the body.
    button = api(http_event("POST", "/unsubscribe", body=form(token=token_of(url))))
    assert button["statusCode"] == 200
    assert ctx.records.get_subscriber(subscriber_id_for(ADDRESS)).status is SubscriberStatus.UNSUBSCRIBED


def test_the_subscribe_answer_is_the_same_for_new_confirmed_and_suppressed_addresses(ctx, api, outbox):
    new = subscribe(api, "new@example.org")
    subscribe(api, "known@example.org")
    confirm(api, outbox, "known@example.org")
    again = subscribe(api, "known@example.org")
    suppress(ctx, "gone@example.org", "complaint (abuse)")
    suppressed = subscribe(api, "gone@example.org")
    assert new["statusCode"] == again["statusCode"] == suppressed["statusCode"] == 202
    assert new["body"] == suppressed["body"]
    assert new["body"].replace("new@", "") == again["body"].replace("known@", "")
    assert outbox.to("gone@example.org") == [], "a suppressed address is never mailed, not even to confirm"
    assert (
        ctx.records.get_subscriber(subscriber_id_for("gone@example.org")).status
        is SubscriberStatus.SUPPRESSED
    )


def test_a_second_request_within_the_hour_sends_no_second_confirmation(api, outbox):
    subscribe(api)
    subscribe(api)
    assert len(outbox.to(ADDRESS, "Confirm")) == 1


def test_confirming_a_stranger_added_feed_needs_the_owner(ctx, api, outbox):
    subscribe(api)
    confirm(api, outbox)
    other = "feed000000000000other"
    from tests.integration.subscriptions.flow import seed_feed

    seed_feed(ctx, other, "Another Show")
    api(http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=[other])))
    feeds = {s.feed_id for s in ctx.records.list_subscriptions_for_subscriber(subscriber_id_for(ADDRESS))}
    assert feeds == {FEED_ID}, "a request alone adds nothing"
    assert ctx.records.get_subscriber(subscriber_id_for(ADDRESS)).status is SubscriberStatus.CONFIRMED


def test_tampered_and_missing_tokens_get_a_page_not_a_stack_trace(api):
    for event in (
        http_event("GET", "/confirm", query={"token": "eyJwIjoiY29uZmlybSJ9.AAAA"}),
        http_event("GET", "/confirm"),
        http_event("POST", "/unsubscribe", query={"token": "x.y"}, body="List-Unsubscribe=One-Click"),
        http_event("GET", "/manage", query={"token": "a" * 3000}),
    ):
        answer = api(event)
        assert answer["statusCode"] == 400
        assert "not valid or has expired" in answer["body"]
        assert "Traceback" not in answer["body"]


def test_bad_subscribe_input_is_a_422_json_error_that_names_the_field(api):
    answer = api(
        http_event("POST", "/subscribe", body='{"email": "x@example.org"}', content_type="application/json")
    )
    assert answer["statusCode"] == 422
    assert "feed_ids" in response_json(answer)["error"]
    bad = api(
        http_event(
            "POST",
            "/subscribe",
            body=json.dumps({"email": "x@example.org\r\nBcc: all@example.org", "feed_ids": [FEED_ID]}),
            content_type="application/json",
        )
    )
    assert bad["statusCode"] == 400
    assert "not a valid email address" in response_json(bad)["error"]


def test_an_unknown_feed_is_refused_by_name(api):
    answer = api(http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=["nope"])))
    assert answer["statusCode"] == 400
    assert "No podcast has the id" in answer["body"]


def test_manage_switches_to_a_weekly_roundup_and_per_episode_mail_stops(ctx, api, outbox, service):
    subscribe(api)
    confirm(api, outbox)
    token = token_of(service.manage_url(subscriber_id_for(ADDRESS)))
    page = api(http_event("GET", "/manage", query={"token": token}))
    assert page["statusCode"] == 200
    assert "The Workshop Hour" in page["body"]
    saved = api(http_event("POST", "/manage", body=form(token=token, feed_ids=[FEED_ID], frequency="weekly")))
    assert saved["statusCode"] == 200
    (subscription,) = ctx.records.list_subscriptions_for_subscriber(subscriber_id_for(ADDRESS))
    assert subscription.frequency is Frequency.WEEKLY
    ref, _ = seed_episode(ctx, 3)
    assert notify_episode(ctx, ref).sent == 0


def test_the_full_summary_page_is_served_and_unknown_ids_are_404(ctx, api):
    seed_episode(ctx, 4)
    page = api(http_event("GET", "/summaries/ep0004"))
    assert page["statusCode"] == 200
    assert "Sourdough" in page["body"]
    assert "default-src 'none'" in page["headers"]["Content-Security-Policy"]
    assert api(http_event("GET", "/summaries/ep9999"))["statusCode"] == 404
    assert api(http_event("GET", "/summaries/..%2F..%2Fetc"))["statusCode"] == 404


def test_an_unexpected_failure_is_a_500_page_that_reveals_nothing():
    from podcast_digest.web.api import build_api
    from podcast_digest.web.context_site import site_from

    def broken():
        raise RuntimeError("database password is hunter2")

    api = build_api(site_from(broken, archive_public=True, base_url=None))
    answer = api.resolve(http_event("GET", "/confirm", query={"token": "a.b"}), None)
    assert answer["statusCode"] == 500
    assert "hunter2" not in answer["body"]
    assert "RuntimeError" not in answer["body"]
    assert "try again later" in answer["body"]
    as_json = api.resolve(
        http_event(
            "POST",
            "/subscribe",
            body='{"email": "a@example.org", "feed_ids": ["f"]}',
            content_type="application/json",
        ),
        None,
    )
    assert as_json["statusCode"] == 500
    assert response_json(as_json) == {"error": "please try again later; the error has been logged"}


def test_someone_named_by_a_dropped_file_can_unsubscribe_from_later_drops_too(ctx, api, outbox):
    dropped = "dropped@example.org"
    for number in (7, 8):
        ref, _ = seed_episode(ctx, number)
        episode = ctx.records.get_episode(ref.episode_id)
        ctx.records.put_episode(episode.model_copy(update={"recipients": [dropped]}))
        notify_episode(ctx, ref)
        if number == 7:
            (first,) = outbox.to(dropped, "summary")
            target = one_click_target(first)
            one_click = http_event(
                "POST", "/unsubscribe", query={"token": token_of(target)}, body="List-Unsubscribe=One-Click"
            )
            assert api(one_click)["statusCode"] == 200
    assert len(outbox.to(dropped, "summary")) == 1, "the second drop does not mail them"
    assert ctx.records.get_subscriber(subscriber_id_for(dropped)).status is SubscriberStatus.UNSUBSCRIBED


def test_a_one_click_post_sent_as_multipart_form_data_is_honoured_too(ctx, api, outbox, service):
    # RFC 8058 lets the mailbox provider encode the body either way; the token is in the URL.
    subscribe(api)
    confirm(api, outbox)
    url = service.unsubscribe_url(subscriber_id_for(ADDRESS), FEED_ID)
    boundary = "----b" + "&x=1" * 80
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\n'
        f"One-Click\r\n--{boundary}--\r\n"
    )
    event = http_event(
        "POST",
        "/unsubscribe",
        query={"token": token_of(url)},
        body=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        base64_body=True,
    )
    assert api(event)["statusCode"] == 200
    assert ctx.records.get_subscriber(subscriber_id_for(ADDRESS)).status is SubscriberStatus.UNSUBSCRIBED


def test_a_form_with_too_many_fields_is_a_400_not_a_crash(api):
    answer = api(http_event("POST", "/unsubscribe", body="&".join(f"f{n}=1" for n in range(500))))
    assert answer["statusCode"] == 400
