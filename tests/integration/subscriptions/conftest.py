"""A local context (SQLite + outbox) with a public base URL, and the subscription API on it."""

from pathlib import Path

import pytest

from podcast_digest.pipeline.context import Context
from podcast_digest.settings import load_settings
from podcast_digest.subscriptions.service import SubscriptionService
from podcast_digest.subscriptions.signing_key import signer_for
from podcast_digest.web.api import build_api
from podcast_digest.web.context_site import site_from
from podcast_digest.wiring import build_context
from tests.integration.subscriptions.flow import BASE_URL, parse, seed_feed


class Outbox:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def messages(self):
        return (
            [parse(path.read_bytes()) for path in sorted(self.folder.glob("*.eml"))]
            if self.folder.exists()
            else []
        )

    def to(self, address: str, tag: str | None = None):
        return [m for m in self.messages() if m["To"] == address and (tag is None or tag in m["Subject"])]


@pytest.fixture
def ctx(tmp_path) -> Context:
    context = build_context(
        load_settings(home=tmp_path / "home", public_base_url=BASE_URL, sender="digest@digest.example.com")
    )
    seed_feed(context)
    return context


@pytest.fixture
def service(ctx) -> SubscriptionService:
    return SubscriptionService(ctx, signer_for(ctx.settings))


@pytest.fixture
def api(ctx):
    resolver = build_api(site_from(lambda: ctx, archive_public=True, base_url=BASE_URL))
    return lambda event: resolver.resolve(event, None)


@pytest.fixture
def outbox(ctx) -> Outbox:
    return Outbox(ctx.settings.outbox_dir)
