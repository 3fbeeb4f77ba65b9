"""The cost ledger in the DynamoDB table: mixed into DynamoDBRecords.

| item | PK                | SK            | GSI2 (by parent)                        |
| ---- | ----------------- | ------------- | --------------------------------------- |
| cost | EPISODE#<episode> | COST#<step>   | COSTS#<YYYY-MM> / <feed>#<episode>#<step> |

A month's spend is one Query on GSI2's partition (with begins_with on the feed for one
feed): an index read, never a Scan.
"""

from typing import TYPE_CHECKING, Any

from podcast_digest.models import CostEntry


class DynamoDBCostLedger:
    table_name: str

    if TYPE_CHECKING:  # DynamoDBRecords, which this is mixed into, has it

        @property
        def client(self) -> Any: ...

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
