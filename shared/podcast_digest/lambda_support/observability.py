"""The one place that builds the Powertools Logger, Tracer and Metrics every handler decorates with.

Service name and metrics namespace come from POWERTOOLS_SERVICE_NAME and
POWERTOOLS_METRICS_NAMESPACE (set once in template.yaml's Globals), so each
function's logs, traces and metrics land under the same names.
"""

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit

SERVICE = "podcast-digest"

logger = Logger(service=SERVICE)
tracer = Tracer(service=SERVICE)
metrics = Metrics(service=SERVICE)

__all__ = ["MetricUnit", "logger", "metrics", "tracer"]
