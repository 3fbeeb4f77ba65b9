"""Under moto: the archive pages and Atom feeds through the subscription API function, on DynamoDB.

Private unless the operator sets ArchivePublic; listed by the table's indexes
(every DynamoDB call is recorded: no Scan); search says plainly that this
stack has none (docs/web.md says why).
"""

import feedparser
import pytest

from podcast_digest.web.slugs import slugify
from tests.e2e.test_subscription_flow import deploy_subscription_stack
from tests.integration.subscriptions.flow import BASE_URL, http_event, seed_episode

pytestmark = pytest.mark.slow


def test_the_archive_is_private_on_aws_by_default(moto_sfn, monkeypatch, held_to_roles):
    stack = deploy_subscription_stack(monkeypatch, held_to_roles)
    seed_episode(stack.ctx, 1)
    assert stack.invoke("subscription_api", http_event("GET", "/"))["statusCode"] == 404
    assert stack.invoke("subscription_api", http_event("GET", "/atom.xml"))["statusCode"] == 404
    assert stack.invoke("subscription_api", http_event("GET", "/summaries/ep0001"))["statusCode"] == 200


def test_made_public_the_archive_and_atom_come_from_the_indexes_without_a_scan(
    moto_sfn, monkeypatch, held_to_roles
):
    stack = deploy_subscription_stack(monkeypatch, held_to_roles, ArchivePublic="true")
    ctx = stack.ctx
    _, summary = seed_episode(ctx, 1)
    slug = slugify(ctx.records.list_feeds()[0].title)

    def get(path: str, **options) -> dict:
        return stack.invoke("subscription_api", http_event("GET", path, **options))

    home = get("/")
    assert home["statusCode"] == 200
    assert f'href="/podcasts/{slug}"' in home["body"]
    podcast = get(f"/podcasts/{slug}")
    assert 'href="/summaries/ep0001"' in podcast["body"]
    atom = get(f"/podcasts/{slug}/atom.xml")
    parsed = feedparser.parse(atom["body"].encode("utf-8"))
    assert parsed.bozo is False
    assert [e.link for e in parsed.entries] == [f"{BASE_URL}/summaries/ep0001"]
    assert parsed.entries[0].summary.startswith(summary.one_sentence_summary[:40])
    assert stack.invoke("subscription_api", http_event("HEAD", "/"))["statusCode"] == 200
    assert stack.invoke("subscription_api", http_event("DELETE", "/"))["statusCode"] == 405

    search = get("/search", query={"q": "sourdough"})
    assert search["statusCode"] == 404
    assert "Search is not available" in search["body"]
    # Every call the function made, as its role saw them: listed by index queries, never a Scan.
    api_calls = [
        action for function, action, _ in stack.deployed.roles.checked if "SubscriptionApi" in function
    ]
    assert "dynamodb:Scan" not in api_calls
    assert "dynamodb:Query" in api_calls
