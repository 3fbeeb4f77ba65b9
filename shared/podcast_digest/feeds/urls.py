"""Checking one URL found in a feed or a feed list, without letting a malformed one raise.

`urllib.parse` raises ValueError for some URLs a stranger can write
(`http://[host]/x.mp3`, `http://[oops]/`, a port past 65535); a feed holding
one such URL in one item must lose that URL only, never the whole document.
"""

import urllib.parse


def url_problem(url: str) -> str | None:
    """Why this absolute URL cannot be used, or None when its host and port parse."""
    try:
        parts = urllib.parse.urlsplit(url)
        _ = parts.port  # raises for a port that is not a number in 0..65535
        _ = parts.hostname
    except ValueError as exc:
        return f"{url!r} is not a valid URL ({exc})"
    return None


def scheme_of(url: str) -> str | None:
    """The URL's scheme, lower-cased ('' for a plain path), or None when the URL does not parse."""
    try:
        return urllib.parse.urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None


def joined(base: str, url: str) -> str | None:
    """url resolved against base, or None when either does not parse."""
    try:
        absolute = urllib.parse.urljoin(base, url)
    except ValueError:
        return None
    return None if url_problem(absolute) else absolute
