"""Records in one DynamoDB table: feeds, episodes, summaries, subscribers, subscriptions, deliveries.

Single-table design (every access pattern is a GetItem or an index Query; no Scan):

| item         | PK                  | SK                    | GSI1 (due feeds)           | GSI2 (by parent)                       | GSI3 (listings)            |
| ------------ | ------------------- | --------------------- | -------------------------- | -------------------------------------- | -------------------------- |
| feed         | FEED#<feed>         | FEED                  | FEEDS#DUE#<n> / <due>#<id> | FEEDURL#<sha256(url)> / FEED           |                            |
| episode      | EPISODE#<episode>   | EPISODE               |                            | FEED#<feed>#EPISODES / <newest>#<id>   | EPISODES#<status> / same   |
| summary      | EPISODE#<episode>   | SUMMARY (+ parts)     |                            |                                        |                            |
| subscriber   | SUBSCRIBER#<sub>    | SUBSCRIBER            |                            |                                        | SUBSCRIBERS / <email>      |
| subscription | SUBSCRIBER#<sub>    | SUBSCRIPTION#<feed>   |                            | FEED#<feed>#SUBSCRIPTIONS / <sub>      |                            |
| delivery     | SUBSCRIBER#<sub>    | DELIVERY#<key>        |                            |                                        |                            |
| cost         | EPISODE#<episode>   | COST#<step>           |                            | COSTS#<YYYY-MM> / <feed>#<episode>#…   |                            |
| destination  | DESTINATION#<id>    | DESTINATION           |                            |                                        | DESTINATIONS / <created>#<id> |

Destinations keep their webhook URL in SSM Parameter Store, not here (destination_items.py).

- Due feeds: GSI1's partition key is sharded (`FEEDS#DUE#0..n-1`, by feed id) and
  its sort key starts with next_poll_at, so "due now" is one range Query per
  shard. A feed never polled sorts first ("0000").
- A subscriber is found by email without an index: its id is a hash of the
  normalised address (models.identity.subscriber_id_for).
- Conditional writes: add_episode (attribute_not_exists) and claim_delivery
  (no marker, or the marker failed).
- TTL attribute `expires_at`: failed delivery claims (30 days) and the
  Powertools idempotency records share it.
- Item size: the model's JSON is stored as `body`; past 16 KB it is
  zlib-compressed into `body_z`. Summaries are always compressed (an In-Depth
  of ~100 KB shrinks to ~25 KB); one still over 350 KB compressed is split
  into SUMMARY#PART#<version>#<n> items, so no item nears DynamoDB's 400 KB
  limit. Parts are keyed by a hash of the content and the head names its
  version, so a reader never mixes two versions.
"""

import hashlib
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from botocore.exceptions import ClientError
from pydantic import BaseModel

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.destination_items import (
    DestinationSecrets,
    default_parameter_path,
    item_body,
    loaded,
)
from podcast_digest.adapters.aws.dynamodb_costs import DynamoDBCostLedger
from podcast_digest.adapters.aws.errors import translated_client
from podcast_digest.errors import UpstreamUnavailable
from podcast_digest.models import (
    Delivery,
    DeliveryStatus,
    Episode,
    EpisodeStatus,
    Feed,
    Subscriber,
    Subscription,
    Summary,
)
from podcast_digest.models.destination import Destination

DUE_SHARDS = 4
COMPRESS_OVER = 16 * 1024
SUMMARY_PART_BYTES = 350 * 1024
FAILED_DELIVERY_TTL = timedelta(days=30)
_NEVER_POLLED = "0000"
_ANSWERS = {"ConditionalCheckFailedException", "TransactionCanceledException"}

M = TypeVar("M", bound=BaseModel)


class DynamoDBRecords(DynamoDBCostLedger):
    """The Records port on one DynamoDB table (see the module docstring for the key design)."""

    def __init__(
        self,
        table_name: str,
        client: Any = None,
        due_shards: int = DUE_SHARDS,
        destination_parameter_path: str | None = None,
        ssm_client: Any = None,
    ) -> None:
        self.table_name = table_name
        self._client = client
        self.due_shards = due_shards
        self.destination_secrets = DestinationSecrets(
            destination_parameter_path or default_parameter_path(table_name), ssm_client
        )

    @property
    def client(self) -> Any:
        # A conditional write (or transaction) that lost is an answer, not a failure: it passes through.
        raw = self._client if self._client is not None else clients.dynamodb()
        return translated_client(raw, "DynamoDB", answers=_ANSWERS)

    # Feeds -----------------------------------------------------------------

    def put_feed(self, feed: Feed) -> None:
        due = _timestamp(feed.next_poll_at) if feed.next_poll_at else _NEVER_POLLED
        self._put(
            _keys(f"FEED#{feed.feed_id}", "FEED"),
            feed,
            GSI1PK=f"FEEDS#DUE#{_shard(feed.feed_id, self.due_shards)}",
            GSI1SK=f"{due}#{feed.feed_id}",
            GSI2PK=f"FEEDURL#{_url_hash(feed.url)}",
            GSI2SK="FEED",
        )

    def get_feed(self, feed_id: str) -> Feed | None:
        return self._get(f"FEED#{feed_id}", "FEED", Feed)

    def find_feed_by_url(self, url: str) -> Feed | None:
        items = self._query("GSI2", "GSI2PK", f"FEEDURL#{_url_hash(url)}")
        feeds = [f for f in (_load(item, Feed) for item in items) if f.url == url]
        return feeds[0] if feeds else None

    def list_feeds(self) -> list[Feed]:
        feeds = [
            _load(item, Feed)
            for shard in self._due_partitions()
            for item in self._query("GSI1", "GSI1PK", shard)
        ]
        return sorted(feeds, key=lambda f: (f.added_at or datetime.min.replace(tzinfo=UTC), f.feed_id))

    def list_due_feeds(self, now: datetime, limit: int = 1000) -> list[Feed]:
        upper = f"{_timestamp(now)}#~"  # feed ids are hex, so "~" sorts after every one
        feeds: list[Feed] = []
        for shard in self._due_partitions():
            items = self._query("GSI1", "GSI1PK", shard, sort_upper=upper, limit=limit)
            feeds.extend(_load(item, Feed) for item in items)
        feeds.sort(key=lambda f: (_timestamp(f.next_poll_at) if f.next_poll_at else _NEVER_POLLED, f.feed_id))
        return feeds[:limit]

    def delete_feed(self, feed_id: str) -> None:
        self.client.delete_item(TableName=self.table_name, Key=_keys(f"FEED#{feed_id}", "FEED"))

    # Episodes --------------------------------------------------------------

    def add_episode(self, episode: Episode) -> bool:
        try:
            self._put(
                _keys(f"EPISODE#{episode.episode_id}", "EPISODE"),
                episode,
                condition="attribute_not_exists(PK)",
                **_episode_indexes(episode),
            )
        except ClientError as exc:
            if _code(exc) == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def put_episode(self, episode: Episode) -> None:
        self._put(_keys(f"EPISODE#{episode.episode_id}", "EPISODE"), episode, **_episode_indexes(episode))

    def get_episode(self, episode_id: str) -> Episode | None:
        return self._get(f"EPISODE#{episode_id}", "EPISODE", Episode)

    def list_episodes(
        self, feed_id: str | None = None, statuses: Iterable[EpisodeStatus] | None = None
    ) -> list[Episode]:
        wanted = set(statuses) if statuses is not None else None
        if feed_id is not None:
            items = self._query("GSI2", "GSI2PK", f"FEED#{feed_id}#EPISODES", forward=False)
            episodes = [e for e in (_load(i, Episode) for i in items) if wanted is None or e.status in wanted]
        else:
            episodes = [
                _load(item, Episode)
                for status in (wanted if wanted is not None else EpisodeStatus)
                for item in self._query("GSI3", "GSI3PK", f"EPISODES#{status.value}", forward=False)
            ]
        return sorted(episodes, key=_newest_first)

    # Summaries -------------------------------------------------------------

    def put_summary(self, summary: Summary) -> None:
        packed = zlib.compress(summary.model_dump_json().encode("utf-8"), 6)
        parts = [packed[i : i + SUMMARY_PART_BYTES] for i in range(0, len(packed), SUMMARY_PART_BYTES)]
        version = hashlib.sha256(packed).hexdigest()[:16]
        pk = f"EPISODE#{summary.episode_id}"
        stale = [i["SK"]["S"] for i in self._query_table(pk, "SUMMARY#PART#")]
        # Parts are written under the content's version before the head names it, and the
        # previous version's parts are deleted only after: a reader always finds a whole set.
        for number, part in enumerate(parts[1:], start=1):
            sk = f"SUMMARY#PART#{version}#{number:04d}"
            self.client.put_item(TableName=self.table_name, Item={**_keys(pk, sk), "body_z": {"B": part}})
        self.client.put_item(
            TableName=self.table_name,
            Item={
                **_keys(pk, "SUMMARY"),
                "kind": {"S": "summary"},
                "body_z": {"B": parts[0]},
                "parts": {"N": str(len(parts))},
                "version": {"S": version},
            },
        )
        for sk in stale:
            if not sk.startswith(f"SUMMARY#PART#{version}#"):
                self.client.delete_item(TableName=self.table_name, Key=_keys(pk, sk))

    def get_summary(self, episode_id: str) -> Summary | None:
        pk = f"EPISODE#{episode_id}"
        for _ in range(3):  # a rewrite between reading the head and its parts: read again
            head = self._get_item(pk, "SUMMARY")
            if head is None:
                return None
            packed = bytes(head["body_z"]["B"])
            count = int(head.get("parts", {"N": "1"})["N"])
            if count == 1:
                return Summary.model_validate_json(zlib.decompress(packed))
            prefix = f"SUMMARY#PART#{head['version']['S']}#"
            parts = {i["SK"]["S"]: bytes(i["body_z"]["B"]) for i in self._query_table(pk, prefix)}
            wanted = [f"{prefix}{n:04d}" for n in range(1, count)]
            if all(sk in parts for sk in wanted):
                packed += b"".join(parts[sk] for sk in wanted)
                return Summary.model_validate_json(zlib.decompress(packed))
        raise UpstreamUnavailable(f"the summary of episode {episode_id} is being rewritten; try again")

    # Subscribers and subscriptions ----------------------------------------------

    def put_subscriber(self, subscriber: Subscriber) -> None:
        self._put(
            _keys(f"SUBSCRIBER#{subscriber.subscriber_id}", "SUBSCRIBER"),
            subscriber,
            GSI3PK="SUBSCRIBERS",
            GSI3SK=f"{subscriber.email}#{subscriber.subscriber_id}",
        )

    def get_subscriber(self, subscriber_id: str) -> Subscriber | None:
        return self._get(f"SUBSCRIBER#{subscriber_id}", "SUBSCRIBER", Subscriber)

    def list_subscribers(self) -> list[Subscriber]:
        return [_load(item, Subscriber) for item in self._query("GSI3", "GSI3PK", "SUBSCRIBERS")]

    def delete_subscriber(self, subscriber_id: str) -> None:
        pk = f"SUBSCRIBER#{subscriber_id}"
        for item in self._query_table(pk, "SUBSCRIPTION#"):
            self.client.delete_item(TableName=self.table_name, Key=_keys(pk, item["SK"]["S"]))
        self.client.delete_item(TableName=self.table_name, Key=_keys(pk, "SUBSCRIBER"))

    def put_subscription(self, subscription: Subscription) -> None:
        self._put(
            _keys(f"SUBSCRIBER#{subscription.subscriber_id}", f"SUBSCRIPTION#{subscription.feed_id}"),
            subscription,
            GSI2PK=f"FEED#{subscription.feed_id}#SUBSCRIPTIONS",
            GSI2SK=subscription.subscriber_id,
        )

    def delete_subscription(self, subscriber_id: str, feed_id: str) -> None:
        self.client.delete_item(
            TableName=self.table_name, Key=_keys(f"SUBSCRIBER#{subscriber_id}", f"SUBSCRIPTION#{feed_id}")
        )

    def list_subscriptions_for_feed(self, feed_id: str) -> list[Subscription]:
        items = self._query("GSI2", "GSI2PK", f"FEED#{feed_id}#SUBSCRIPTIONS")
        return [_load(item, Subscription) for item in items]

    def list_subscriptions_for_subscriber(self, subscriber_id: str) -> list[Subscription]:
        items = self._query_table(f"SUBSCRIBER#{subscriber_id}", "SUBSCRIPTION#")
        return [_load(item, Subscription) for item in items]

    # Deliveries (the exactly-once marker) ------------------------------------

    def claim_delivery(self, delivery: Delivery, *, taking_over: Delivery | None = None) -> bool:
        claimed_at = delivery.claimed_at or datetime.now(UTC)
        claim = delivery.model_copy(update={"status": DeliveryStatus.SENDING, "claimed_at": claimed_at})
        # The same rule as Delivery.open_to_claim, as one conditional write: free, failed, or
        # still the very 'sending' claim the caller saw (compared by claim_id) and takes over.
        condition = "attribute_not_exists(PK) OR delivery_status = :failed"
        values: dict[str, Any] = {":failed": {"S": DeliveryStatus.FAILED.value}}
        if taking_over is not None and taking_over.status is DeliveryStatus.SENDING:
            values[":sending"] = {"S": DeliveryStatus.SENDING.value}
            if taking_over.claim_id is None:
                condition += " OR (delivery_status = :sending AND attribute_not_exists(claim_id))"
            else:
                condition += " OR (delivery_status = :sending AND claim_id = :seen)"
                values[":seen"] = {"S": taking_over.claim_id}
        attributes: dict[str, str | int] = {"delivery_status": DeliveryStatus.SENDING.value}
        if claim.claim_id is not None:
            attributes["claim_id"] = claim.claim_id
        try:
            self._put(
                _keys(f"SUBSCRIBER#{delivery.subscriber_id}", f"DELIVERY#{delivery.delivery_key}"),
                claim,
                condition=condition,
                values=values,
                **attributes,
            )
        except ClientError as exc:
            if _code(exc) == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def complete_delivery(self, subscriber_id: str, delivery_key: str, message_id: str) -> None:
        self._update_delivery(subscriber_id, delivery_key, DeliveryStatus.SENT, message_id=message_id)

    def fail_delivery(self, subscriber_id: str, delivery_key: str, error: str) -> None:
        self._update_delivery(subscriber_id, delivery_key, DeliveryStatus.FAILED, error=error)

    def get_delivery(self, subscriber_id: str, delivery_key: str) -> Delivery | None:
        return self._get(f"SUBSCRIBER#{subscriber_id}", f"DELIVERY#{delivery_key}", Delivery)

    def _update_delivery(
        self, subscriber_id: str, delivery_key: str, status: DeliveryStatus, **changes: str
    ) -> None:
        current = self.get_delivery(subscriber_id, delivery_key)
        if current is None:
            current = Delivery(subscriber_id=subscriber_id, delivery_key=delivery_key)
        now = datetime.now(UTC)
        update: dict[str, Any] = {"status": status, **changes}
        if status is DeliveryStatus.SENT:
            update["sent_at"] = now
        extra: dict[str, Any] = {"delivery_status": status.value}
        if status is DeliveryStatus.FAILED:
            extra["expires_at"] = int((now + FAILED_DELIVERY_TTL).timestamp())
        self._put(
            _keys(f"SUBSCRIBER#{subscriber_id}", f"DELIVERY#{delivery_key}"),
            current.model_copy(update=update),
            **extra,
        )

    # Destinations (their secrets in SSM) ----------------------------------------

    def put_destination(self, destination: Destination) -> None:
        name = self.destination_secrets.put(destination)
        created = _timestamp(destination.created_at) if destination.created_at else _NEVER_POLLED
        item: dict[str, Any] = {
            **_keys(f"DESTINATION#{destination.destination_id}", "DESTINATION"),
            "kind": {"S": "destination"},
            "body": {"S": item_body(destination, name)},
            "GSI3PK": {"S": "DESTINATIONS"},
            "GSI3SK": {"S": f"{created}#{destination.destination_id}"},
        }
        self.client.put_item(TableName=self.table_name, Item=item)

    def get_destination(self, destination_id: str) -> Destination | None:
        item = self._get_item(f"DESTINATION#{destination_id}", "DESTINATION")
        return None if item is None else loaded(item["body"]["S"], self.destination_secrets)

    def list_destinations(self) -> list[Destination]:
        items = self._query("GSI3", "GSI3PK", "DESTINATIONS")
        return [loaded(item["body"]["S"], self.destination_secrets) for item in items]

    def delete_destination(self, destination_id: str) -> None:
        self.client.delete_item(
            TableName=self.table_name, Key=_keys(f"DESTINATION#{destination_id}", "DESTINATION")
        )
        self.destination_secrets.delete(destination_id)

    # Table access ----------------------------------------------------------

    def _due_partitions(self) -> list[str]:
        return [f"FEEDS#DUE#{n}" for n in range(self.due_shards)]

    def _put(
        self,
        keys: dict[str, Any],
        model: BaseModel,
        condition: str | None = None,
        values: dict[str, Any] | None = None,
        **attributes: str | int,
    ) -> None:
        item: dict[str, Any] = {**keys, "kind": {"S": type(model).__name__.lower()}, **_body(model)}
        for name, value in attributes.items():
            item[name] = {"N": str(value)} if isinstance(value, int) else {"S": value}
        request: dict[str, Any] = {"TableName": self.table_name, "Item": item}
        if condition:
            request["ConditionExpression"] = condition
        if values:
            request["ExpressionAttributeValues"] = values
        self.client.put_item(**request)

    def _get_item(self, pk: str, sk: str) -> dict[str, Any] | None:
        response = self.client.get_item(TableName=self.table_name, Key=_keys(pk, sk), ConsistentRead=True)
        return response.get("Item")

    def _get(self, pk: str, sk: str, model: type[M]) -> M | None:
        item = self._get_item(pk, sk)
        return None if item is None else _load(item, model)

    def _query(
        self,
        index: str,
        key_name: str,
        key: str,
        sort_upper: str | None = None,
        forward: bool = True,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        condition = f"{key_name} = :pk"
        values: dict[str, Any] = {":pk": {"S": key}}
        if sort_upper is not None:
            condition += f" AND {index}SK <= :upper"
            values[":upper"] = {"S": sort_upper}
        request: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": index,
            "KeyConditionExpression": condition,
            "ExpressionAttributeValues": values,
            "ScanIndexForward": forward,
        }
        yield from self._pages(request, limit)

    def _query_table(self, pk: str, sk_prefix: str) -> Iterator[dict[str, Any]]:
        request = {
            "TableName": self.table_name,
            "KeyConditionExpression": "PK = :pk AND begins_with(SK, :prefix)",
            "ExpressionAttributeValues": {":pk": {"S": pk}, ":prefix": {"S": sk_prefix}},
            "ConsistentRead": True,
        }
        yield from self._pages(request, None)

    def _pages(self, request: dict[str, Any], limit: int | None) -> Iterator[dict[str, Any]]:
        seen = 0
        while True:
            if limit is not None:
                request["Limit"] = limit - seen
            page = self.client.query(**request)
            for item in page.get("Items", []):
                seen += 1
                yield item
            if "LastEvaluatedKey" not in page or (limit is not None and seen >= limit):
                return
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def _keys(pk: str, sk: str) -> dict[str, Any]:
    return {"PK": {"S": pk}, "SK": {"S": sk}}


def _body(model: BaseModel) -> dict[str, Any]:
    text = model.model_dump_json()
    if len(text) > COMPRESS_OVER:
        return {"body_z": {"B": zlib.compress(text.encode("utf-8"), 6)}}
    return {"body": {"S": text}}


def _load(item: dict[str, Any], model: type[M]) -> M:
    if "body_z" in item:
        return model.model_validate_json(zlib.decompress(bytes(item["body_z"]["B"])))
    return model.model_validate_json(item["body"]["S"])


def _episode_indexes(episode: Episode) -> dict[str, Any]:
    newest = f"{_newest_key(episode)}#{episode.episode_id}"
    return {
        "GSI2PK": f"FEED#{episode.feed_id}#EPISODES",
        "GSI2SK": newest,
        "GSI3PK": f"EPISODES#{episode.status.value}",
        "GSI3SK": newest,
    }


def _newest_key(episode: Episode) -> str:
    when = episode.published_at or episode.discovered_at
    return _timestamp(when) if when else _NEVER_POLLED


def _newest_first(episode: Episode) -> tuple[float, float, str]:
    published = episode.published_at.timestamp() if episode.published_at else float("-inf")
    discovered = episode.discovered_at.timestamp() if episode.discovered_at else float("-inf")
    return (-published, -discovered, episode.episode_id)


def _timestamp(when: datetime | None) -> str:
    """A fixed-width UTC timestamp that sorts as text the way the instants sort in time."""
    if when is None:
        return _NEVER_POLLED
    aware = when if when.tzinfo else when.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _shard(feed_id: str, shards: int) -> int:
    return int(hashlib.sha256(feed_id.encode()).hexdigest()[:8], 16) % shards


def _url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def table_definition(table_name: str) -> dict[str, Any]:
    """The CreateTable request matching template.yaml's table (tests and `podcast-digest` setup use it)."""
    indexes = ("GSI1", "GSI2", "GSI3")
    return {
        "TableName": table_name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [
            {"AttributeName": name, "AttributeType": "S"}
            for name in ("PK", "SK", *(f"{i}{part}" for i in indexes for part in ("PK", "SK")))
        ],
        "KeySchema": [
            {"AttributeName": "PK", "KeyType": "HASH"},
            {"AttributeName": "SK", "KeyType": "RANGE"},
        ],
        "GlobalSecondaryIndexes": [
            {
                "IndexName": index,
                "KeySchema": [
                    {"AttributeName": f"{index}PK", "KeyType": "HASH"},
                    {"AttributeName": f"{index}SK", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
            for index in indexes
        ],
    }
