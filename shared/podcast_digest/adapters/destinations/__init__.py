"""Destination adapters: Slack incoming webhooks, Discord webhooks and a signed JSON webhook.

Each implements ports.destinations.DestinationSender over one HookClient
(hook_client.py): the address policy, a bounded time per post, 4xx told apart
from 5xx, 404/410 as DestinationGone, and 429 waits capped by our settings.
"""
