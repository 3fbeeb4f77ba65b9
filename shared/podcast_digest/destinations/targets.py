"""What a destination's webhook URL may be, and how it is shown (a webhook URL is a secret).

The rules, checked when a destination is added and again before every post:
- https only; plain http only to a loopback address (a receiver on this machine);
- the host passes the same address policy as feeds (feeds/addresses.py): no
  metadata service, no private, link-local or internal name; loopback only
  with `allow_loopback` (local testing);
- no user name or password in the URL, no fragment.
A URL is never printed or logged whole: `shown_target` gives its host and "…".
"""

import ipaddress
import urllib.parse

from podcast_digest.errors import BadInputError, UnsafeInputError
from podcast_digest.feeds.addresses import host_refusal_reason, parse_address, refusal_reason
from podcast_digest.models.destination import Destination, DestinationKind
from podcast_digest.settings import is_loopback_host

WEB_KINDS = (DestinationKind.SLACK, DestinationKind.DISCORD, DestinationKind.WEBHOOK)


def shown_url(url: str) -> str:
    """The scheme and host of a webhook URL and an ellipsis: enough to tell destinations apart."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        host = parts.hostname or "?"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(an unreadable URL)/…"
    return f"{parts.scheme or '?'}://{host}{port}/…"


def shown_target(destination: Destination) -> str:
    if destination.kind is DestinationKind.FOLDER:
        return destination.target.get_secret_value()
    return shown_url(destination.target.get_secret_value())


def _literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return parse_address(host.strip("[]"))
    except ValueError:
        return None


def checked_webhook_url(url: str, *, allow_loopback: bool) -> urllib.parse.SplitResult:
    """The URL's parts when it may be posted to (module docstring), else one clear UnsafeInputError."""
    shown = shown_url(url)
    try:
        parts = urllib.parse.urlsplit(url.strip())
        _ = parts.port
    except ValueError as exc:
        raise BadInputError(f"the webhook URL {shown} is not a valid URL ({exc}): copy it again") from None
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise BadInputError(f"the webhook URL {shown} is not an https:// address: copy the whole URL")
    if parts.username is not None or parts.fragment:
        raise UnsafeInputError(f"the webhook URL {shown} carries a user name or a #fragment: refused")
    if parts.scheme == "http" and not is_loopback_host(host):
        raise UnsafeInputError(
            f"the webhook URL {shown} uses plain http outside this machine: refused (the URL and every "
            "summary would travel unencrypted); use its https:// form"
        )
    named = host_refusal_reason(host, allow_loopback=allow_loopback)
    literal = _literal_address(host)
    reason = (
        named
        if named is not None or literal is None
        else refusal_reason(literal, allow_loopback=allow_loopback)
    )
    if reason is not None:
        hint = " (set allow_loopback for a local test receiver)" if is_loopback_host(host) else ""
        raise UnsafeInputError(f"the webhook URL {shown} names {reason}: refused{hint}")
    return parts


def checked_address(url: str, address_text: str, *, allow_loopback: bool) -> None:
    """Refuse one resolved address of a webhook's host (the same rule as for feeds)."""
    address = parse_address(address_text)
    reason = refusal_reason(address, allow_loopback=allow_loopback)
    if reason is not None:
        raise UnsafeInputError(f"the webhook URL {shown_url(url)} resolves to {reason}: refused")
