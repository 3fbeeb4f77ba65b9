"""Cached boto3 client factories: one client per service and region, built on first use.

Never at import time: a handler module imports fast (cold start) and tests can
start moto before the first client exists. Retries use botocore's adaptive
mode, so throttling from DynamoDB, S3 or SES is absorbed before it reaches a step.
"""

from functools import cache, lru_cache
from typing import Any

from podcast_digest.adapters.aws import instrumentation


@cache
def _config() -> Any:
    from botocore.config import Config

    return Config(
        retries={"mode": "adaptive", "max_attempts": 8},
        connect_timeout=5,
        read_timeout=60,
        user_agent_extra="podcast-digest",
    )


@lru_cache(maxsize=32)
def client(service: str, region: str | None = None) -> Any:
    """A boto3 client for `service` (e.g. "s3", "dynamodb", "sesv2"), shared by the process."""
    import boto3  # here, not at import: boto3 is a third of a cold start's import (instrumentation.py)

    instrumentation.ready()
    return boto3.session.Session().client(service, region_name=region, config=_config())


def dynamodb(region: str | None = None) -> Any:
    return client("dynamodb", region)


def s3(region: str | None = None) -> Any:
    return client("s3", region)


def sesv2(region: str | None = None) -> Any:
    return client("sesv2", region)


def stepfunctions(region: str | None = None) -> Any:
    return client("stepfunctions", region)


def sqs(region: str | None = None) -> Any:
    return client("sqs", region)


def ssm(region: str | None = None) -> Any:
    return client("ssm", region)


def forget_clients() -> None:
    """Drop every cached client (tests start a fresh moto account per test)."""
    client.cache_clear()
