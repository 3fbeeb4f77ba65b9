"""Starting pipeline executions, at most once per episode source.

An execution's name is derived from the S3 object that started it (bucket +
key + etag: a dropped file, or the manifest the poller writes for a polled
episode). Step Functions refuses a second execution of the same name for 90
days, so a duplicated S3 event or a re-delivered poll batch starts nothing new.
`execution_name_for_episode` names a deliberate re-run of one episode.
"""

import hashlib
import re
from typing import Any

from botocore.exceptions import ClientError

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.errors import translated_client
from podcast_digest.models.steps import EpisodeRef
from podcast_digest.pipeline.keys import EPISODES_PREFIX

_NAME_CHARS = re.compile(r"[^A-Za-z0-9_-]")


def execution_name_for_object(bucket: str, key: str, etag: str) -> str:
    """The one execution name an object (this bucket, key and content) may start.

    Both doors use it: a dropped file (`drop-…`) and a polled episode's manifest
    (`episode-…`); the label only says which, the hash is the rule.
    """
    digest = hashlib.sha256("\x1f".join((bucket, key, etag.strip('"'))).encode("utf-8")).hexdigest()
    label = "episode" if key.startswith(EPISODES_PREFIX) else "drop"
    return f"{label}-{digest[:40]}"


def execution_name_for_episode(ref: EpisodeRef, attempt: int = 0) -> str:
    """The execution name of a polled episode (attempt > 0 for a deliberate re-run)."""
    name = f"episode-{ref.episode_id}" + (f"-retry{attempt}" if attempt else "")
    return _NAME_CHARS.sub("-", name)[:80]


class PipelineStarter:
    """Starts the pipeline state machine for an episode."""

    def __init__(self, state_machine_arn: str, client: Any = None) -> None:
        self.state_machine_arn = state_machine_arn
        self._client = client

    @property
    def client(self) -> Any:
        raw = self._client if self._client is not None else clients.stepfunctions()
        return translated_client(raw, "Step Functions", answers={"ExecutionAlreadyExists"})

    def start(self, name: str, ref: EpisodeRef) -> bool:
        """True when this call started the execution; False when one of that name already exists."""
        try:
            self.client.start_execution(
                stateMachineArn=self.state_machine_arn, name=name, input=ref.model_dump_json()
            )
        except ClientError:  # the one code passed through: an execution of that name exists
            return False
        return True
