"""The links in each recipient's copy: only ever to a web endpoint, never to the operator's disk."""

from email import message_from_bytes, policy

from podcast_digest.delivery.links import RecipientLinks, address_digest
from podcast_digest.models import OutgoingEmail
from podcast_digest.pipeline.runner import run
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.integration.delivery.conftest import a_digest
from tests.support.kill_trials import prepare_template

BASE = "https://digest.example.org"


def sent(ctx):
    return [
        message_from_bytes(p.read_bytes(), policy=policy.default)
        for p in ctx.settings.outbox_dir.glob("*.eml")
    ]


def test_a_local_run_sends_no_link_to_the_operators_disk(tmp_path):
    ctx = build_context(load_settings(home=prepare_template(tmp_path)))
    assert run(ctx, retry_delays=()).ok

    messages = sent(ctx)
    assert messages
    for message in messages:
        raw = message.as_bytes()
        assert b"file:" not in raw
        assert str(tmp_path).encode() not in raw
        assert message["List-Unsubscribe"] is None  # no web endpoint: nothing to click


def test_with_a_web_endpoint_each_copy_links_to_it_and_the_links_are_built_once_per_context(tmp_path):
    ctx = build_context(load_settings(home=prepare_template(tmp_path), public_base_url=BASE))
    links = RecipientLinks.of(ctx)
    assert RecipientLinks.of(ctx) is links  # one SubscriptionService and signer for the context

    assert run(ctx, retry_delays=()).ok

    recipients_of: dict[str, set[str]] = {}
    for message in sent(ctx):
        recipients_of.setdefault(str(message["List-Unsubscribe"]), set()).add(str(message["To"]))
    assert all(len(recipients) == 1 for recipients in recipients_of.values())  # each recipient's own token
    assert all(link.startswith(f"<{BASE}/unsubscribe?token=") for link in recipients_of)
    html = "".join(m.get_body(preferencelist=("html",)).get_content() for m in sent(ctx))
    assert f"{BASE}/summaries/" in html
    assert "file:" not in html


class _ComposerWithManageLink:
    def to(
        self, address: str, unsubscribe_url: str | None = None, *, manage_url: str | None = None
    ) -> OutgoingEmail:
        return a_digest().model_copy(update={"to": address, "headers": {"X-Manage": manage_url or "-"}})


class _ComposerWithout:
    def to(self, address: str, unsubscribe_url: str | None = None) -> OutgoingEmail:
        return a_digest().model_copy(update={"to": address})


def test_the_manage_link_is_passed_only_to_a_composer_that_takes_one():
    manage = f"{BASE}/manage?token=abc"
    with_link = address_digest(_ComposerWithManageLink(), "a@example.com", None, manage)
    assert with_link.headers["X-Manage"] == manage
    assert address_digest(_ComposerWithout(), "a@example.com", None, manage).to == "a@example.com"
