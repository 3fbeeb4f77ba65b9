"""The cost ledger in the DynamoDB table: mixed into DynamoDBRecords.

| item | PK                | SK            | GSI2 (by parent)                        |
| ---- | ----------------- | ------------- | --------------------------------------- |
| cost | EPISODE#<episode> | COST#<step>   | COSTS#<YYYY-MM> / <feed>#<episode>#<step> |
| hold | BUDGET#<YYYY-MM>  | HOLD#<feed>#<episode>#<step> | |
| turn | BUDGET#<YYYY-MM>  | TURN          | |

A month's spend is one Query on GSI2's partition (with begins_with on the feed for one
feed): an index read, never a Scan.

Budget holds live in the month's own partition, read with ConsistentRead (an index is only
eventually consistent, and a gate must see the hold placed a moment before). The month's
`turn` item is a counter every placed hold moves on in the same transaction, on the condition
that it has not moved since the holds were read: of gates racing, one wins each turn and the
others read again, now seeing its hold.
"""

import random
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from podcast_digest.errors import UpstreamUnavailable
from podcast_digest.models import BudgetHold, CostEntry

# Gates racing for one month's turn: each lost turn means another gate placed its hold.
HOLD_ATTEMPTS = 25
# A month's holds and turn expire (the table's TTL) well after the month has ended.
HOLDS_KEPT = timedelta(days=70)


class DynamoDBCostLedger:
    table_name: str

    if TYPE_CHECKING:  # DynamoDBRecords, which this is mixed into, has it

        @property
        def client(self) -> Any: ...
        def _get_item(self, pk: str, sk: str) -> dict[str, Any] | None: ...
        def _query_table(self, pk: str, sk_prefix: str) -> Iterator[dict[str, Any]]: ...

    def put_cost(self, entry: CostEntry) -> None:
        self.client.put_item(
            TableName=self.table_name,
            Item={
                "PK": {"S": f"EPISODE#{entry.episode_id}"},
                "SK": {"S": f"COST#{entry.step.value}"},
                "kind": {"S": "costentry"},
                "body": {"S": entry.model_dump_json()},
                "GSI2PK": {"S": f"COSTS#{entry.month}"},
                "GSI2SK": {"S": f"{entry.feed_id}#{entry.episode_id}#{entry.step.value}"},
            },
        )

    def list_costs(self, month: str, feed_id: str | None = None) -> list[CostEntry]:
        condition = "GSI2PK = :month"
        values: dict[str, Any] = {":month": {"S": f"COSTS#{month}"}}
        if feed_id is not None:
            condition += " AND begins_with(GSI2SK, :feed)"
            values[":feed"] = {"S": f"{feed_id}#"}
        request: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": "GSI2",
            "KeyConditionExpression": condition,
            "ExpressionAttributeValues": values,
        }
        entries: list[CostEntry] = []
        while True:
            page = self.client.query(**request)
            entries.extend(CostEntry.model_validate_json(item["body"]["S"]) for item in page.get("Items", []))
            if "LastEvaluatedKey" not in page:
                return entries
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def hold_budget(self, hold: BudgetHold, fits: Callable[[list[BudgetHold]], bool]) -> bool:
        month = f"BUDGET#{hold.month}"
        for _ in range(HOLD_ATTEMPTS):
            turn = self._get_item(month, "TURN")
            seen = int(turn["turn"]["N"]) if turn else None
            holds = [
                BudgetHold.model_validate_json(i["body"]["S"]) for i in self._query_table(month, "HOLD#")
            ]
            if any(placed.key == hold.key for placed in holds):
                return True
            if not fits(holds):
                return False
            reasons = self._place(month, hold, seen)
            if reasons is None:
                return True
            if reasons[0] == "ConditionalCheckFailed":  # the hold is there: a retry got in first
                return True
            time.sleep(random.uniform(0.01, 0.05))  # another gate took the turn: read again
        raise UpstreamUnavailable(
            f"the {hold.month} budget was contended by other steps {HOLD_ATTEMPTS} times running; "
            "try again shortly"
        )

    def _place(self, month: str, hold: BudgetHold, seen: int | None) -> list[str] | None:
        """One transaction: the hold, and the month's turn moved on from `seen`. None when it went
        through, else each item's cancellation reason (hold first, then turn)."""
        values = {":next": {"N": str((seen or 0) + 1)}, ":expires": {"N": _expiry(hold.month)}}
        if seen is None:
            turn_condition = "attribute_not_exists(PK)"
        else:
            turn_condition = "turn = :seen"
            values[":seen"] = {"N": str(seen)}
        item = {
            "PK": {"S": month},
            "SK": {"S": f"HOLD#{hold.feed_id}#{hold.episode_id}#{hold.step.value}"},
            "kind": {"S": "budgethold"},
            "body": {"S": hold.model_dump_json()},
            "expires_at": {"N": _expiry(hold.month)},
        }
        try:
            self.client.transact_write_items(
                TransactItems=[
                    {
                        "Put": {
                            "TableName": self.table_name,
                            "Item": item,
                            "ConditionExpression": "attribute_not_exists(PK)",
                        }
                    },
                    {
                        "Update": {
                            "TableName": self.table_name,
                            "Key": {"PK": {"S": month}, "SK": {"S": "TURN"}},
                            "UpdateExpression": "SET turn = :next, expires_at = :expires",
                            "ConditionExpression": turn_condition,
                            "ExpressionAttributeValues": values,
                        }
                    },
                ]
            )
        except Exception as exc:  # only a cancelled transaction comes through as itself
            response = getattr(exc, "response", {})
            if response.get("Error", {}).get("Code") != "TransactionCanceledException":
                raise
            return [reason.get("Code", "None") for reason in response.get("CancellationReasons", [])]
        return None


def _expiry(month: str) -> str:
    year, number = (int(part) for part in month.split("-"))
    return str(int((datetime(year, number, 1, tzinfo=UTC) + HOLDS_KEPT).timestamp()))
