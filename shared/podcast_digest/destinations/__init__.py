"""Destinations beyond email: what a webhook URL may be, how it is shown, and the sample `test` sends.

The adapters (Slack, Discord, a signed JSON webhook) live in
podcast_digest.adapters.destinations; the folder destination in
podcast_digest.vault. Deliveries go through podcast_digest.delivery like email.
"""
