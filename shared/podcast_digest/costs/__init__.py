"""Cost you can see and cap: estimates before paid work, a monthly budget, and the spend report.

- estimate.py: duration × the speech-to-text price, expected tokens × the model's price.
- allowance.py: what is left of this month's budget (install-wide and per feed).
- gate.py: the call the transcribe and summarize steps make before any paid engine.
- ledger.py: each step's actual cost, filed by month (CostStore port).
- report.py: `podcast-digest costs`; notice.py: the line in the operator's digest.
"""
