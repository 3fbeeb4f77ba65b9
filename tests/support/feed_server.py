"""A real HTTP server on 127.0.0.1 that plays a podcast publisher, for tests and benchmarks.

Each path answers as its Route says: a body (fixed, or generated on the fly
up to any size without holding it), a status, ETag/Last-Modified with real
conditional GET, Retry-After, redirects, latency before answering, slow
bodies (a pause between chunks), gzip, a wrong Content-Length. Every request
is recorded (path and headers) so a test can prove what did or did not arrive.
"""

import contextlib
import gzip
import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

GENERATED_CHUNK = 1024 * 1024


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None
    location: str | None = None  # for 3xx
    latency: float = 0.0  # seconds before the status line
    chunk_size: int = 64 * 1024
    chunk_delay: float = 0.0  # seconds between body chunks (a slow body)
    gzip: bool = False
    generated_size: int | None = None  # stream this many bytes made on the fly (body is their prefix)
    declared_length: int | None = None  # a Content-Length that lies
    send_length: bool = True
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]


class FeedServer:
    """Start with `with FeedServer() as server:`; `server.route(path, Route(...))`; `server.url(path)`."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[RecordedRequest] = []
        self.connections = 0
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def setup(self) -> None:
                with server._lock:
                    server.connections += 1
                super().setup()

            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append(
                        RecordedRequest(self.path, {k.lower(): v for k, v in self.headers.items()})
                    )
                    route = server.routes.get(self.path.split("?", 1)[0])
                # The client may give up (a size cap or a timeout): expected in tests.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    server._answer(self, route)

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256

        self._httpd = Server((host, 0), Handler)
        self.host = host
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def requests_for(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    def __enter__(self) -> "FeedServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    # ------------------------------------------------------------------ answering

    @staticmethod
    def _chunks(route: Route) -> Iterator[bytes]:
        if route.generated_size is None:
            body = gzip.compress(route.body) if route.gzip else route.body
            for start in range(0, len(body), route.chunk_size):
                yield body[start : start + route.chunk_size]
            return
        yield route.body
        remaining = route.generated_size - len(route.body)
        filler = bytes(range(256)) * (GENERATED_CHUNK // 256)
        while remaining > 0:
            piece = filler[: min(remaining, GENERATED_CHUNK)]
            remaining -= len(piece)
            yield piece

    def _answer(self, handler: http.server.BaseHTTPRequestHandler, route: Route | None) -> None:
        if route is None:
            handler.send_response(404)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if route.latency:
            time.sleep(route.latency)
        conditional = (route.etag and handler.headers.get("If-None-Match") == route.etag) or (
            route.last_modified and handler.headers.get("If-Modified-Since") == route.last_modified
        )
        status = 304 if conditional and route.status == 200 else route.status
        handler.send_response(status)
        for name, value in (
            ("ETag", route.etag),
            ("Last-Modified", route.last_modified),
            ("Retry-After", route.retry_after),
            ("Location", route.location),
        ):
            if value is not None:
                handler.send_header(name, value)
        for name, value in route.headers.items():
            handler.send_header(name, value)
        if status == 304 or 300 <= status < 400 or (status >= 400 and not route.body):
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if route.content_type:
            handler.send_header("Content-Type", route.content_type)
        if route.gzip:
            handler.send_header("Content-Encoding", "gzip")
        if route.declared_length is not None:
            handler.send_header("Content-Length", str(route.declared_length))
        elif route.send_length:
            size = route.generated_size if route.generated_size is not None else None
            if size is None:
                size = len(gzip.compress(route.body)) if route.gzip else len(route.body)
            handler.send_header("Content-Length", str(size))
        else:
            handler.send_header("Connection", "close")
            handler.close_connection = True
        handler.end_headers()
        for chunk in self._chunks(route):
            if route.chunk_delay:
                time.sleep(route.chunk_delay)
            handler.wfile.write(chunk)
        handler.wfile.flush()
