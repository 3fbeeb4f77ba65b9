"""The subscription service's edges: expired and stale links, suppression outranks everything."""

from datetime import timedelta

import pytest

from podcast_digest.errors import BadInputError, NotFoundError
from podcast_digest.models import Frequency, SubscriberStatus, subscriber_id_for
from podcast_digest.settings import load_settings
from podcast_digest.subscriptions.bounces import suppress
from podcast_digest.subscriptions.service import SubscriptionService
from podcast_digest.subscriptions.signing_key import signer_for
from podcast_digest.subscriptions.tokens import InvalidToken, Purpose
from podcast_digest.wiring import build_context
from tests.integration.subscriptions.flow import FEED_ID, link_in, token_of

ADDRESS = "listener@example.org"


def confirm_token(outbox) -> str:
    (message,) = outbox.to(ADDRESS, "Confirm")
    return token_of(link_in(message, "confirm"))


def test_a_confirmation_link_older_than_a_week_no_longer_confirms(ctx, service, outbox):
    service.subscribe(ADDRESS, [FEED_ID])
    token = confirm_token(outbox)
    later = ctx.clock() + timedelta(days=7, minutes=1)
    ctx.clock = lambda: later
    with pytest.raises(InvalidToken):
        service.confirm(token)
    assert ctx.records.get_subscriber(subscriber_id_for(ADDRESS)).status is SubscriberStatus.PENDING


def test_a_confirmation_after_a_complaint_does_not_bring_the_address_back(ctx, service, outbox):
    service.subscribe(ADDRESS, [FEED_ID], Frequency.DAILY)
    token = confirm_token(outbox)
    suppress(ctx, ADDRESS, "complaint (abuse)")
    with pytest.raises(NotFoundError):
        service.confirm(token)
    assert ctx.records.get_subscriber(subscriber_id_for(ADDRESS)).status is SubscriberStatus.SUPPRESSED


def test_unsubscribing_a_suppressed_address_keeps_it_suppressed(ctx, service, outbox):
    service.subscribe(ADDRESS, [FEED_ID])
    service.confirm(confirm_token(outbox))
    suppress(ctx, ADDRESS, "permanent bounce (General)")
    service.unsubscribe(token_of(service.unsubscribe_url(subscriber_id_for(ADDRESS), FEED_ID)))
    assert ctx.records.get_subscriber(subscriber_id_for(ADDRESS)).status is SubscriberStatus.SUPPRESSED


def test_an_unsubscribe_link_for_someone_unknown_ends_the_same_way(service):
    token = service.signer.sign(Purpose.UNSUBSCRIBE, "0" * 20, now=service.ctx.clock())
    service.unsubscribe(token)  # no error: the answer never says whether someone was subscribed


def test_a_pending_address_has_nothing_to_manage(ctx, service):
    service.subscribe(ADDRESS, [FEED_ID])
    token = service.signer.sign(Purpose.MANAGE, subscriber_id_for(ADDRESS), now=ctx.clock())
    with pytest.raises(NotFoundError):
        service.manage_view(token)


def test_unticking_every_feed_unsubscribes(ctx, service, outbox):
    service.subscribe(ADDRESS, [FEED_ID])
    service.confirm(confirm_token(outbox))
    token = token_of(service.manage_url(subscriber_id_for(ADDRESS)))
    view = service.update(token, [], Frequency.PER_EPISODE)
    assert [chosen for _, chosen in view.feeds] == [False]
    assert ctx.records.get_subscriber(subscriber_id_for(ADDRESS)).status is SubscriberStatus.UNSUBSCRIBED


def test_double_opt_in_without_a_public_url_says_how_to_add_people_instead(tmp_path):
    local = build_context(load_settings(home=tmp_path / "local"))
    from tests.integration.subscriptions.flow import seed_feed

    seed_feed(local)
    with pytest.raises(BadInputError, match="subscribers add"):
        SubscriptionService(local, signer_for(local.settings)).subscribe(ADDRESS, [FEED_ID])
