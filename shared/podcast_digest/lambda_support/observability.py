"""The one place that builds the Powertools Logger, Tracer and Metrics every handler decorates with.

Service name and metrics namespace are fixed here, not read from the
environment when this module is first imported, so every function's logs,
traces and metrics land under the same names whatever imported it first.
"""

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit

from podcast_digest.adapters.aws import instrumentation

SERVICE = "podcast-digest"
NAMESPACE = "PodcastDigest"

logger = Logger(service=SERVICE)
# Patch only botocore, so every AWS call is traced and no other library gets wrapped behind our
# back; and patch it before the first AWS client, not here: the patch imports botocore.client,
# about a third of a handler's import (adapters/aws/instrumentation.py, bench/bench_cold_start.py).
tracer = Tracer(service=SERVICE, auto_patch=False)
instrumentation.before_first_call(lambda: tracer.patch(["botocore"]))
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)

__all__ = ["MetricUnit", "logger", "metrics", "tracer"]
