"""Host leases in the stack's DynamoDB table: one item per (host, slot), taken by a conditional write.

| item       | PK                 | SK        | attributes                                   |
| ---------- | ------------------ | --------- | -------------------------------------------- |
| host lease | HOSTLEASE#<host>   | SLOT#<n>  | holder, lease_until (epoch ms), expires_at   |

Taking slot n succeeds when the item is absent or its lease has run out;
giving it back deletes it only while the holder is still ours. expires_at
(the table's TTL attribute) sweeps items a crashed holder left behind.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from botocore.exceptions import ClientError

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.errors import translated_client

_LOST = "ConditionalCheckFailedException"
_SWEEP_AFTER_SECONDS = 86_400


class DynamoDBHostLeases:
    """The HostLeases port on the stack's table."""

    def __init__(self, table_name: str, client: Any = None, clock: Any = time.time) -> None:
        self.table_name = table_name
        self._client = client
        self._clock = clock

    @property
    def client(self) -> Any:
        raw = self._client if self._client is not None else clients.dynamodb()
        return translated_client(raw, "DynamoDB", answers={_LOST})

    def acquire(self, host: str, holder: str, slots: int, seconds: float) -> int | None:
        now_ms = int(self._clock() * 1000)
        for slot in range(max(1, slots)):
            try:
                self.client.put_item(
                    TableName=self.table_name,
                    Item={
                        **_key(host, slot),
                        "holder": {"S": holder},
                        "lease_until": {"N": str(now_ms + int(seconds * 1000))},
                        "expires_at": {"N": str(now_ms // 1000 + _SWEEP_AFTER_SECONDS)},
                    },
                    # Free: never taken, or its holder's lease ran out (DynamoDB's TTL is not prompt).
                    ConditionExpression="attribute_not_exists(PK) OR lease_until < :now",
                    ExpressionAttributeValues={":now": {"N": str(now_ms)}},
                )
            except ClientError:  # the condition failed: that slot is held
                continue
            return slot
        return None

    def release(self, host: str, slot: int, holder: str) -> None:
        # A lost condition: the lease expired and another poller took the slot: it is theirs now.
        with contextlib.suppress(ClientError):
            self.client.delete_item(
                TableName=self.table_name,
                Key=_key(host, slot),
                ConditionExpression="holder = :me",
                ExpressionAttributeValues={":me": {"S": holder}},
            )


def _key(host: str, slot: int) -> dict[str, Any]:
    return {"PK": {"S": f"HOSTLEASE#{host}"}, "SK": {"S": f"SLOT#{slot}"}}
