"""The pipeline: one service per step (transcribe, summarize, notify, mark failed), the
drop-folder and polling entry points, and the in-process runner that chains them.

The Lambda handlers call the same step functions; only the orchestration
differs (Step Functions in AWS, `runner.run` locally).
"""
