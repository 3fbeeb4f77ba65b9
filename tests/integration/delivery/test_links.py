"""The links in each recipient's copy: only ever to a web endpoint, never to the operator's disk."""

from email import message_from_bytes, policy

from podcast_digest.delivery.links import RecipientLinks
from podcast_digest.pipeline.runner import run
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
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


def test_every_per_episode_digest_carries_its_recipients_manage_link(tmp_path):
    ctx = build_context(load_settings(home=prepare_template(tmp_path), public_base_url=BASE))
    assert run(ctx, retry_delays=()).ok

    for message in sent(ctx):
        html = message.get_body(preferencelist=("html",)).get_content()
        assert f'href="{BASE}/manage?token=' in html, message["To"]


def test_without_a_web_endpoint_the_footer_names_the_operators_address(tmp_path):
    settings = load_settings(home=prepare_template(tmp_path), operator_address="ops@example.org")
    ctx = build_context(settings)
    assert run(ctx, retry_delays=()).ok

    for message in sent(ctx):
        assert "ops@example.org" in message.get_body(preferencelist=("plain",)).get_content()
