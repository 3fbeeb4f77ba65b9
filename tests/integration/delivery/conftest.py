"""A real SQLite-backed context whose mailer talks to a server of the test's choosing."""

import pytest

from podcast_digest.models import OutgoingEmail, Subscriber, SubscriberStatus, subscriber_id_for
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context

ADDRESS = "listener@example.com"
SUBSCRIBER = Subscriber(
    subscriber_id=subscriber_id_for(ADDRESS), email=ADDRESS, status=SubscriberStatus.CONFIRMED
)


def a_digest() -> OutgoingEmail:
    return OutgoingEmail(
        sender="digest@digest.example.org",
        to=ADDRESS,
        subject="Garden Hour: Mulch — summary",
        text="Mulch keeps the soil cool.\n",
        html="<!doctype html><p>Mulch keeps the soil cool.</p>",
    )


@pytest.fixture
def smtp_context(tmp_path):
    def make(port: int, timeout: float = 1.0):
        return build_context(
            load_settings(
                home=tmp_path / "home",
                mailer="smtp",
                smtp_host="127.0.0.1",
                smtp_port=port,
                smtp_starttls=False,
                smtp_timeout_seconds=timeout,
            )
        )

    return make
