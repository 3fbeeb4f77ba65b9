"""Under moto: the archive pages and Atom feeds through the subscription API function, on DynamoDB.

Private unless the operator sets ArchivePublic; listed by the table's indexes
(every DynamoDB call is recorded: no Scan); search says plainly that this
stack has none (docs/web.md says why).
"""

import botocore.client
import feedparser
import pytest

from podcast_digest.web.slugs import slugify
from tests.e2e.test_subscription_flow import invoke, moto_subscriptions  # noqa: F401 - the fixture
from tests.integration.subscriptions.flow import BASE_URL, http_event, seed_episode

pytestmark = pytest.mark.slow


@pytest.fixture
def dynamodb_calls(monkeypatch):
    seen: list[str] = []
    original = botocore.client.BaseClient._make_api_call

    def recording(self, operation, params):
        if self.meta.service_model.service_name == "dynamodb":
            seen.append(operation)
        return original(self, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recording)
    return seen


def test_the_archive_is_private_on_aws_by_default(moto_subscriptions):  # noqa: F811
    seed_episode(moto_subscriptions, 1)
    assert invoke("subscription_api", http_event("GET", "/"))["statusCode"] == 404
    assert invoke("subscription_api", http_event("GET", "/atom.xml"))["statusCode"] == 404
    assert invoke("subscription_api", http_event("GET", "/summaries/ep0001"))["statusCode"] == 200


def test_made_public_the_archive_and_atom_come_from_the_indexes_without_a_scan(
    moto_subscriptions,  # noqa: F811
    monkeypatch,
    dynamodb_calls,
):
    ctx = moto_subscriptions
    _, summary = seed_episode(ctx, 1)
    monkeypatch.setenv("PODCAST_DIGEST_ARCHIVE_PUBLIC", "true")
    slug = slugify(ctx.records.list_feeds()[0].title)

    home = invoke("subscription_api", http_event("GET", "/"))
    assert home["statusCode"] == 200
    assert f'href="/podcasts/{slug}"' in home["body"]
    podcast = invoke("subscription_api", http_event("GET", f"/podcasts/{slug}"))
    assert 'href="/summaries/ep0001"' in podcast["body"]
    atom = invoke("subscription_api", http_event("GET", f"/podcasts/{slug}/atom.xml"))
    parsed = feedparser.parse(atom["body"].encode("utf-8"))
    assert parsed.bozo is False
    assert [e.link for e in parsed.entries] == [f"{BASE_URL}/summaries/ep0001"]
    assert parsed.entries[0].summary.startswith(summary.one_sentence_summary[:40])
    assert invoke("subscription_api", http_event("HEAD", "/"))["statusCode"] == 200
    assert invoke("subscription_api", http_event("DELETE", "/"))["statusCode"] == 405

    search = invoke("subscription_api", http_event("GET", "/search", query={"q": "sourdough"}))
    assert search["statusCode"] == 404
    assert "Search is not available" in search["body"]
    assert "Scan" not in dynamodb_calls
    assert "Query" in dynamodb_calls
