"""What every Lambda handler shares: observability, event models, the pipeline context, idempotency.

Handlers in functions/<step>/app.py stay thin: parse the event with a model
from events.py, call one service with the context from runtime.py, return a
typed result.
"""
