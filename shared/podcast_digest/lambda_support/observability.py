"""The one place that builds the Powertools Logger, Tracer and Metrics every handler decorates with.

Service name and metrics namespace are fixed here, not read from the
environment when this module is first imported, so every function's logs,
traces and metrics land under the same names whatever imported it first.
"""

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit

SERVICE = "podcast-digest"
NAMESPACE = "PodcastDigest"

logger = Logger(service=SERVICE)
# Patch only botocore: every AWS call is traced and no other library gets wrapped behind our
# back (bench/bench_cold_start.py measures both; the import cost is about the same).
tracer = Tracer(service=SERVICE, patch_modules=["botocore"])
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)

__all__ = ["MetricUnit", "logger", "metrics", "tracer"]
