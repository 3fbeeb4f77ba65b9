"""Destinations on AWS: the record in the stack's table, its secrets in SSM Parameter Store.

| item        | PK                   | SK          | GSI3 (listings)              |
| ----------- | -------------------- | ----------- | ---------------------------- |
| destination | DESTINATION#<id>     | DESTINATION | DESTINATIONS / <created>#<id> |

The webhook URL and a JSON webhook's signing secret are secrets: they live in
one SecureString parameter, `<parameter path>/<destination id>` (a JSON object
of both), encrypted with the account's aws/ssm key; the table item keeps only the
parameter's name. The path defaults to `/podcast-digest/<table>/destinations`,
the path template.yaml lets the notify function read (and nothing else).
Writing (the operator's CLI) is PutParameter; the notify function only reads.
"""

import json
from typing import Any

from botocore.exceptions import ClientError

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.errors import translated_client
from podcast_digest.errors import NotFoundError
from podcast_digest.models.destination import Destination

_REFERENCE = "ssm:"


def default_parameter_path(table_name: str) -> str:
    return f"/podcast-digest/{table_name}/destinations"


class DestinationSecrets:
    """The SecureString parameters holding each destination's target and signing secret."""

    def __init__(self, path: str, client: Any = None) -> None:
        self.path = path.rstrip("/")
        self._client = client

    @property
    def client(self) -> Any:
        raw = self._client if self._client is not None else clients.ssm()
        return translated_client(raw, "SSM Parameter Store", answers={"ParameterNotFound"})

    def name_of(self, destination_id: str) -> str:
        return f"{self.path}/{destination_id}"

    def put(self, destination: Destination) -> str:
        stored = destination.stored()
        value = json.dumps({"target": stored["target"], "signing_secret": stored["signing_secret"]})
        name = self.name_of(destination.destination_id)
        self.client.put_parameter(
            Name=name,
            Value=value,
            Type="SecureString",
            Overwrite=True,
            Description="Podcast Digest destination (webhook URL): a secret",
        )
        return name

    def get(self, name: str) -> dict[str, Any]:
        try:
            answer = self.client.get_parameter(Name=name, WithDecryption=True)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ParameterNotFound":
                raise NotFoundError(
                    f"the destination's URL parameter {name} is missing: remove the destination and add it again"
                ) from None
            raise
        value = json.loads(answer["Parameter"]["Value"])
        return value if isinstance(value, dict) else {}

    def delete(self, destination_id: str) -> None:
        try:
            self.client.delete_parameter(Name=self.name_of(destination_id))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "ParameterNotFound":
                raise


def item_body(destination: Destination, parameter_name: str) -> str:
    """The record as the table keeps it: the secrets replaced by the parameter's name."""
    data = destination.model_dump(mode="json")
    data["target"] = _REFERENCE + parameter_name
    data["signing_secret"] = None
    return json.dumps(data, ensure_ascii=False)


def loaded(body: str, secrets: DestinationSecrets) -> Destination:
    data = json.loads(body)
    reference = str(data.get("target", ""))
    if reference.startswith(_REFERENCE):
        kept = secrets.get(reference.removeprefix(_REFERENCE))
        data["target"] = kept.get("target", "")
        data["signing_secret"] = kept.get("signing_secret")
    return Destination.model_validate(data)
