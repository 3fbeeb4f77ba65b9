"""The public URLs of the subscription API: confirm, unsubscribe, manage and a full summary page.

Only built when the settings name a public base URL (the stack's API). A local
run without one has no web endpoint: its digests carry no List-Unsubscribe
header and the operator unsubscribes people with `podcast-digest subscribers
unsubscribe`.
"""

from urllib.parse import quote, urlencode

from podcast_digest.settings import Settings


def base_url(settings: Settings) -> str | None:
    if not settings.public_base_url:
        return None
    return settings.public_base_url.rstrip("/")


def token_link(settings: Settings, path: str, token: str) -> str | None:
    base = base_url(settings)
    return None if base is None else f"{base}/{path}?{urlencode({'token': token})}"


def summary_link(settings: Settings, episode_id: str) -> str | None:
    base = base_url(settings)
    return None if base is None else f"{base}/summaries/{quote(episode_id, safe='')}"
