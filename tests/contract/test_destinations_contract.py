"""The DestinationStore contract (SQLite and DynamoDB+SSM), and where each keeps the secret URL."""

from datetime import UTC, datetime, timedelta

from podcast_digest.models import Delivery
from podcast_digest.models.destination import (
    Destination,
    DestinationKind,
    DestinationStatus,
    destination_recipient_id,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
URL = "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX"


def a_destination(destination_id: str = "d1", **changes) -> Destination:
    fields = {
        "destination_id": destination_id,
        "kind": DestinationKind.WEBHOOK,
        "target": f"{URL}/{destination_id}",
        "signing_secret": "whsec-abc",
        "feed_ids": ["feed-1", "feed-2"],
        "created_at": NOW,
    }
    fields.update(changes)
    return Destination(**fields)


def test_a_destination_comes_back_whole_secrets_included(records):
    records.put_destination(a_destination())
    got = records.get_destination("d1")
    assert got is not None
    assert got.target.get_secret_value() == f"{URL}/d1"
    assert got.signing_secret is not None
    assert got.signing_secret.get_secret_value() == "whsec-abc"
    assert got == a_destination()


def test_unknown_is_none_and_listing_is_oldest_first(records):
    assert records.get_destination("nope") is None
    assert records.list_destinations() == []
    records.put_destination(a_destination("late", created_at=NOW + timedelta(hours=1)))
    records.put_destination(a_destination("early", kind=DestinationKind.SLACK, signing_secret=None))
    assert [d.destination_id for d in records.list_destinations()] == ["early", "late"]


def test_disabling_is_recorded_with_the_reason(records):
    records.put_destination(a_destination())
    disabled = a_destination(
        status=DestinationStatus.DISABLED, disabled_reason="HTTP 410 channel_is_archived"
    )
    records.put_destination(disabled)
    got = records.get_destination("d1")
    assert got is not None
    assert got.status is DestinationStatus.DISABLED
    assert got.disabled_reason == "HTTP 410 channel_is_archived"
    assert not got.wants("feed-1")
    assert len(records.list_destinations()) == 1


def test_delete_removes_it_and_keeps_its_delivery_history(records):
    records.put_destination(a_destination())
    recipient = destination_recipient_id("d1")
    assert records.claim_delivery(Delivery(subscriber_id=recipient, delivery_key="ep-1", claim_id="c1"))
    records.complete_delivery(recipient, "ep-1", "ep-1")
    records.delete_destination("d1")
    records.delete_destination("d1")  # twice: nothing to remove is not an error
    assert records.get_destination("d1") is None
    assert records.list_destinations() == []
    assert records.get_delivery(recipient, "ep-1") is not None


def test_on_aws_the_url_lives_in_an_ssm_securestring_not_in_the_table(tmp_path):
    from podcast_digest.adapters.aws import clients
    from tests.support import aws

    with aws.dynamodb_records(tmp_path) as records:
        records.put_destination(a_destination())
        items = clients.dynamodb().scan(TableName=aws.TABLE)["Items"]
        assert items
        assert "XXXXsecretXXXX" not in str(items)
        assert "whsec-abc" not in str(items)
        parameter = clients.ssm().get_parameter(Name=f"/podcast-digest/{aws.TABLE}/destinations/d1")[
            "Parameter"
        ]
        assert parameter["Type"] == "SecureString"
        records.delete_destination("d1")
        assert clients.ssm().get_parameters_by_path(Path=f"/podcast-digest/{aws.TABLE}")["Parameters"] == []
