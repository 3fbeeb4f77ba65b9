"""SafeFetcher: every feed, transcript, chapter file and enclosure is read through here.

The URLs come from strangers, so:
- only http and https; a name is resolved once, every address it resolves to is
  checked (feeds/addresses.py), and we connect to the address we checked while
  TLS (SNI, certificate) and the Host header keep the name, so a DNS answer
  that changes between check and connect gains nothing;
- redirects are followed by hand, a bounded number of times, and each hop is
  checked again;
- connect and read timeouts, plus, for every fetch (feed, chapters, transcript,
  enclosure), a minimum average rate and an overall deadline scaled to its size
  cap (body.TransferBudget), from the first byte of the answer, headers included
  (paced_socket.TransferClock), so a server dripping bytes cannot stall a run;
- size caps hold on the decoded body (a gzip bomb stops at the cap);
- 429/503 become UpstreamThrottled (with Retry-After), other 5xx, timeouts and
  connection errors UpstreamUnavailable, 4xx BadInputError.

Local files: a feed given on the command line may be a path or a file:// URL,
and may reference files in its own folder (an example feed ships its
transcript beside it). Nothing else can make us read a local file: a local
target is read only when `base` (the feed the URL was found in) is itself a
local file and the target is inside its folder. A URL found in a network feed
has a network base, so a file:// link in it is always refused.
"""

import base64
import email.utils
import http.client
import mimetypes
import socket
import ssl
import time
import urllib.parse
import urllib.request
from datetime import UTC
from pathlib import Path

from podcast_digest.errors import (
    BadInputError,
    UnsafeInputError,
    UpstreamThrottled,
    UpstreamUnavailable,
)
from podcast_digest.feeds.addresses import IPAddress, host_refusal_reason, parse_address, refusal_reason
from podcast_digest.feeds.body import CappedBody, TransferBudget
from podcast_digest.feeds.paced_socket import PacedSocket, TransferClock
from podcast_digest.feeds.urls import scheme_of
from podcast_digest.ports.fetcher import FetchResult
from podcast_digest.settings import Settings

REDIRECTS = {301, 302, 303, 307, 308}
# Audio and video are compressed already: a streamed body that inflates more than this is a bomb.
MAX_MEDIA_EXPANSION = 20.0
PERMANENT_REDIRECTS = {301, 308}
# Characters left as they are when a URL's path or query is put on the request line;
# everything else (spaces, CR/LF, non-ASCII) is percent-encoded.
PATH_SAFE = "/%:@!$&'()*+,;=-._~"
QUERY_SAFE = PATH_SAFE + "?"


def is_local_reference(url: str) -> bool:
    """True for a file:// URL or a plain path (no scheme): things read from disk, not the network."""
    scheme = scheme_of(url)
    if scheme is None:
        return False  # does not even parse: certainly not a path we would read
    return scheme == "file" or scheme == "" or (len(scheme) == 1 and url[1:2] == ":")  # C:\ on Windows


def local_path_of(url: str) -> Path:
    """The path a file:// URL or plain path names."""
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() == "file":
        if parts.netloc not in ("", "localhost"):
            raise UnsafeInputError(
                f"{url} names a file on another machine ({parts.netloc}); use a local path"
            )
        return Path(urllib.request.url2pathname(parts.path))
    return Path(url)


def _http_date(moment: float) -> str:
    return email.utils.formatdate(moment, usegmt=True)


MAX_RETRY_AFTER = 365 * 86400.0  # a longer "Retry-After" means "not this year": a year is enough


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds from now (delay-seconds or an HTTP date), at most a year, so no
    arithmetic on it (a timedelta, a sleep) can overflow whatever the server wrote."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return min(float(value[:20]), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now if now is not None else time.time()
    try:
        return min(max(0.0, when.timestamp() - current), MAX_RETRY_AFTER)
    except (OverflowError, OSError, ValueError):
        return MAX_RETRY_AFTER


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to one already-checked address; the Host header keeps the name."""

    def __init__(self, host: str, port: int, address: IPAddress, connect_timeout: float, read_timeout: float):
        super().__init__(host, port, timeout=connect_timeout)
        self._address = address
        self._read_timeout = read_timeout

    def _connect_socket(self) -> socket.socket:
        family = socket.AF_INET6 if self._address.version == 6 else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.settimeout(self.timeout)
            sock.connect((str(self._address), self.port))
            sock.settimeout(self._read_timeout)
        except BaseException:
            sock.close()
            raise
        return sock

    def connect(self) -> None:
        self.sock = self._connect_socket()


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    """TLS to the checked address, with SNI and certificate checks against the name."""

    default_port = 443  # so the Host header is the bare name, as for any https client

    def __init__(
        self,
        host: str,
        port: int,
        address: IPAddress,
        connect_timeout: float,
        read_timeout: float,
        context: ssl.SSLContext,
    ):
        super().__init__(host, port, address, connect_timeout, read_timeout)
        self._context = context

    def connect(self) -> None:
        sock = self._connect_socket()
        try:
            self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


class SafeFetcher:
    """The Fetcher port over http.client, with the safety rules in the module docstring."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._tls = ssl.create_default_context()

    # ----------------------------------------------------------------- public API

    def fetch(
        self,
        url: str,
        *,
        max_bytes: int,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
        base: str | None = None,
    ) -> FetchResult:
        """GET a body into memory (feeds, transcripts, chapters).

        `base` is the feed the URL was found in (or, for a feed itself, its own
        URL): relative URLs resolve against it, and it decides whether a local
        file may be read (module docstring).
        """
        url = self._absolute(url, base)
        if is_local_reference(url):
            return self._fetch_local(url, base=base, max_bytes=max_bytes, last_modified=last_modified)
        headers = {"Accept": accept or "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        conn, response, final_url, permanent, clock = self._open(url, headers)
        try:
            if response.status == 304:
                return FetchResult(
                    url=final_url,
                    status=304,
                    etag=response.getheader("ETag") or etag,
                    last_modified=response.getheader("Last-Modified") or last_modified,
                    permanent_redirect=permanent,
                )
            body = self._body(response, final_url, max_bytes, conn, clock).read_all()
            return FetchResult(
                url=final_url,
                status=response.status,
                body=body,
                content_type=response.getheader("Content-Type"),
                etag=response.getheader("ETag"),
                last_modified=response.getheader("Last-Modified"),
                permanent_redirect=permanent,
            )
        except TimeoutError as exc:
            raise UpstreamUnavailable(
                f"{final_url} stopped sending within {self._settings.read_timeout_seconds:g} s "
                "(read_timeout_seconds); try again later"
            ) from exc
        except (OSError, http.client.HTTPException) as exc:
            raise UpstreamUnavailable(f"{final_url} broke off while sending: {exc}; try again later") from exc
        finally:
            conn.close()

    def stream(self, url: str, *, max_bytes: int, base: str | None = None) -> tuple[CappedBody, str | None]:
        """Open a body for streaming (enclosures): read it in chunks, close it when done.

        The body (a StreamedBody) raises UnsafeInputError once more than max_bytes
        have been read, or once it inflates like a compression bomb; its
        `content_length` is the size the server declared for the wire.
        """
        url = self._absolute(url, base)
        if is_local_reference(url):
            path = self._checked_local_path(url, base)
            size = path.stat().st_size
            if size > max_bytes:
                raise self._too_big(str(path), max_bytes)
            handle = path.open("rb")
            body = CappedBody(
                handle,
                max_bytes=max_bytes,
                content_encoding=None,
                too_big=lambda: self._too_big(str(path), max_bytes),
                on_close=handle.close,
                what=str(path),
                content_length=size,
            )
            return body, mimetypes.guess_type(path.name)[0]
        conn, response, final_url, _, clock = self._open(url, {"Accept": "*/*"})
        if response.status == 304:
            conn.close()
            raise UpstreamUnavailable(
                f"{final_url} answered 304 to an unconditional request; try again later"
            )
        body = self._body(response, final_url, max_bytes, conn, clock, max_expansion=MAX_MEDIA_EXPANSION)
        return body, response.getheader("Content-Type")

    # ------------------------------------------------------------------ local files

    def _absolute(self, url: str, base: str | None) -> str:
        url = url.strip()
        if not url:
            raise BadInputError(
                "an empty URL was given: give an http(s) URL or, on the command line, a file path"
            )
        if base and not urllib.parse.urlsplit(url).scheme:
            if is_local_reference(base):
                base_path = local_path_of(base)
                target = Path(urllib.request.url2pathname(urllib.parse.unquote(url)))
                return str(target if target.is_absolute() else base_path.parent / target)
            return urllib.parse.urljoin(base, url)
        return url

    def _checked_local_path(self, url: str, base: str | None) -> Path:
        if not self._settings.allow_local_files:
            raise UnsafeInputError(
                f"{url} is a local file and reading local files is off (allow_local_files); give an http(s) URL"
            )
        if base is None or not is_local_reference(base):
            raise UnsafeInputError(
                f"{url} is a local file, but it was not given as a feed on the command line "
                "(a feed fetched from the network can never make us read local files)"
            )
        folder = local_path_of(base).resolve().parent
        target = local_path_of(url).resolve()
        if not target.is_relative_to(folder):
            raise UnsafeInputError(
                f"{url} is outside the folder of the feed that references it ({folder}); "
                "keep a local feed's files beside it"
            )
        if not target.is_file():
            raise BadInputError(f"{target} does not exist or is not a file: check the path")
        return target

    def _fetch_local(
        self, url: str, *, base: str | None, max_bytes: int, last_modified: str | None
    ) -> FetchResult:
        path = self._checked_local_path(url, base)
        stat = path.stat()
        modified = _http_date(stat.st_mtime)
        if last_modified == modified:
            return FetchResult(url=url, status=304, last_modified=modified)
        if stat.st_size > max_bytes:
            raise self._too_big(str(path), max_bytes)
        with path.open("rb") as handle:
            body = handle.read(max_bytes + 1)
        if len(body) > max_bytes:
            raise self._too_big(str(path), max_bytes)
        return FetchResult(
            url=url,
            status=200,
            body=body,
            content_type=mimetypes.guess_type(path.name)[0],
            last_modified=modified,
        )

    # ---------------------------------------------------------------------- network

    def _transfer_budget(self) -> TransferBudget:
        return TransferBudget(
            min_bytes_per_second=self._settings.min_transfer_bytes_per_second,
            grace_seconds=self._settings.transfer_grace_seconds,
        )

    def _limit_setting(self, max_bytes: int) -> str:
        names = [
            name
            for name in ("max_feed_bytes", "max_transcript_bytes", "max_audio_bytes")
            if getattr(self._settings, name) == max_bytes
        ]
        return " / ".join(f"PODCAST_DIGEST_{name.upper()}" for name in names) or "the caller's max_bytes"

    def _too_big(self, where: str, max_bytes: int) -> UnsafeInputError:
        return UnsafeInputError(
            f"{where} is larger than the limit of {max_bytes:,} bytes; "
            f"raise {self._limit_setting(max_bytes)} if it is genuine"
        )

    def _check_url(self, url: str) -> tuple[urllib.parse.SplitResult, str, int]:
        try:
            parts = urllib.parse.urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise BadInputError(f"{url!r} is not a valid URL ({exc}): check it") from exc
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise UnsafeInputError(
                f"{url} uses the scheme {scheme or '(none)'!r}: only http and https are fetched"
            )
        host = parts.hostname
        if not host:
            raise BadInputError(f"{url} has no host name: check the URL")
        if any(ch in host for ch in "\r\n\t /\\"):
            raise UnsafeInputError(f"{url!r} has a host name with control characters or spaces")
        try:
            host = host.encode("idna").decode("ascii") if not host.isascii() else host
        except UnicodeError as exc:
            raise BadInputError(f"{url} has a host name that cannot be encoded ({exc})") from exc
        return parts, host, port or (443 if scheme == "https" else 80)

    def _checked_addresses(self, url: str, host: str, port: int) -> list[IPAddress]:
        named = host_refusal_reason(host, allow_loopback=self._settings.allow_loopback)
        if named is not None:
            raise UnsafeInputError(f"{url} names {host}, {named}: refused")
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise UpstreamUnavailable(f"could not resolve the host of {url} ({exc}): check the URL") from exc
        addresses: list[IPAddress] = []
        for info in infos:
            address = parse_address(str(info[4][0]))
            reason = refusal_reason(address, allow_loopback=self._settings.allow_loopback)
            if reason is not None:
                # One bad address refuses the name: we must not choose among answers an attacker controls.
                raise UnsafeInputError(f"{url} resolves to {address}, {reason}: refused")
            if address not in addresses:
                addresses.append(address)
        if not addresses:
            raise UpstreamUnavailable(f"the host of {url} has no address; check the URL")
        return addresses

    def _connect(
        self, parts: urllib.parse.SplitResult, host: str, port: int, url: str
    ) -> _PinnedHTTPConnection:
        last_error: Exception | None = None
        for address in self._checked_addresses(url, host, port):
            conn: _PinnedHTTPConnection
            if parts.scheme.lower() == "https":
                conn = _PinnedHTTPSConnection(
                    host,
                    port,
                    address,
                    self._settings.connect_timeout_seconds,
                    self._settings.read_timeout_seconds,
                    self._tls,
                )
            else:
                conn = _PinnedHTTPConnection(
                    host,
                    port,
                    address,
                    self._settings.connect_timeout_seconds,
                    self._settings.read_timeout_seconds,
                )
            try:
                conn.connect()
                return conn
            except ssl.SSLCertVerificationError as exc:
                conn.close()
                raise UpstreamUnavailable(
                    f"{url} presented an invalid TLS certificate: {exc.verify_message}"
                ) from exc
            except OSError as exc:
                conn.close()
                last_error = exc
        raise UpstreamUnavailable(f"could not connect to {url} ({last_error}); try again later")

    def _open(
        self, url: str, headers: dict[str, str]
    ) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse, str, str | None, TransferClock]:
        """Send the GET, following checked redirects. Returns (conn, response, final URL, permanent move,
        the fetch's clock: every hop's answer is read through it)."""
        original = urllib.parse.urlsplit(url)
        clock = TransferClock(
            self._transfer_budget(), read_timeout=self._settings.read_timeout_seconds, what=url
        )
        permanent_chain = True
        permanent: str | None = None
        for _hop in range(self._settings.max_redirects + 1):
            parts, host, port = self._check_url(url)
            request_headers = {
                "User-Agent": self._settings.user_agent,
                "Accept-Encoding": "gzip, deflate",
                "Connection": "close",
                **headers,
            }
            if parts.username is not None and parts.hostname == original.hostname:
                # Credentials in a feed URL (private feeds) go to that host only, never to a redirect target.
                token = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
                request_headers["Authorization"] = "Basic " + base64.b64encode(token.encode()).decode("ascii")
            target = urllib.parse.quote(parts.path or "/", safe=PATH_SAFE)
            if parts.query:
                target += "?" + urllib.parse.quote(parts.query, safe=QUERY_SAFE)
            conn = self._connect(parts, host, port, url)
            clock.what = url
            conn.sock = PacedSocket(conn.sock, clock)
            try:
                conn.request("GET", target, headers=request_headers)
                response = conn.getresponse()
            except UpstreamUnavailable:
                conn.close()  # the clock ran out while the answer's headers dripped in
                raise
            except TimeoutError as exc:
                conn.close()
                raise UpstreamUnavailable(
                    f"{url} did not answer within {self._settings.read_timeout_seconds:g} s "
                    "(read_timeout_seconds); try again later"
                ) from exc
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                raise UpstreamUnavailable(f"{url} did not answer properly ({exc}); try again later") from exc
            status = response.status
            if status in REDIRECTS:
                location = response.getheader("Location")
                conn.close()
                if not location:
                    raise BadInputError(f"{url} answered HTTP {status} without a Location: ask the publisher")
                next_url = urllib.parse.urljoin(url, location.strip())
                permanent_chain = permanent_chain and status in PERMANENT_REDIRECTS
                permanent = next_url if permanent_chain else None
                url = next_url
                continue
            self._raise_for_status(url, response, conn)
            return conn, response, url, permanent, clock
        raise BadInputError(
            f"{url} redirected more than {self._settings.max_redirects} times (max_redirects): check the URL"
        )

    def _raise_for_status(
        self, url: str, response: http.client.HTTPResponse, conn: http.client.HTTPConnection
    ) -> None:
        status = response.status
        if 200 <= status < 300 or status == 304:
            return
        conn.close()
        reason = response.reason or ""
        if status < 400:
            raise BadInputError(
                f"{url} answered HTTP {status} {reason}, which we do not follow: check the URL"
            )
        if status in (429, 503):
            retry_after = parse_retry_after(response.getheader("Retry-After"))
            wait = f"; it asked us to wait {retry_after:.0f} s" if retry_after is not None else ""
            raise UpstreamThrottled(f"{url} answered HTTP {status} {reason}{wait}", retry_after=retry_after)
        if status >= 500:
            raise UpstreamUnavailable(
                f"{url} answered HTTP {status} {reason}: the server has a problem; try later"
            )
        raise BadInputError(f"{url} answered HTTP {status} {reason}: check the URL (or ask the publisher)")

    def _body(
        self,
        response: http.client.HTTPResponse,
        url: str,
        max_bytes: int,
        conn: http.client.HTTPConnection,
        clock: TransferClock,
        max_expansion: float | None = None,
    ) -> CappedBody:
        """The body, size-capped and time-boxed: its deadline scales with what it may be (TransferBudget)."""
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            conn.close()
            raise self._too_big(f"{url} (it declares {int(declared):,} bytes)", max_bytes)
        budget = self._transfer_budget()
        size = int(declared) if declared and declared.isdigit() else max_bytes
        clock.expect_body(size)
        deadline = budget.deadline_for(size, time.monotonic())
        return CappedBody(
            response,
            max_bytes=max_bytes,
            content_encoding=response.getheader("Content-Encoding"),
            too_big=lambda: self._too_big(url, max_bytes),
            on_close=conn.close,
            deadline=deadline,
            budget=budget,
            max_expansion=max_expansion,
            what=url,
            url=url,
            content_length=int(declared) if declared and declared.isdigit() else None,
        )
