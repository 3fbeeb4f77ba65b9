"""The local server adapter: waitress (pure-Python WSGI) serving the resolver on one address."""

from collections.abc import Callable

from waitress.server import create_server

from podcast_digest.web.wsgi import ResolverApp

THREADS = 4
MAX_REQUEST_BODY_BYTES = 64 * 1024


class WebServer:
    """Bound on construction (port 0 picks a free port); `run` serves until `close`."""

    def __init__(self, app: ResolverApp, host: str, port: int, trusted_proxy: str | None = None) -> None:
        # Behind a reverse proxy every request comes from the proxy: trusting its X-Forwarded-For
        # (from that address only) gives the sign-up limits the real client.
        proxy = (
            {"trusted_proxy": trusted_proxy, "trusted_proxy_headers": {"x-forwarded-for"}}
            if trusted_proxy
            else {}
        )
        self._server = create_server(
            app,
            host=host,
            port=port,
            threads=THREADS,
            max_request_body_size=MAX_REQUEST_BODY_BYTES,
            channel_timeout=30,
            ident="podcast-digest",
            clear_untrusted_proxy_headers=True,
            **proxy,
        )
        self._closing = False

    @property
    def url(self) -> str:
        host = str(self._server.effective_host)  # type: ignore[union-attr]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self._server.effective_port}"  # type: ignore[union-attr]

    def run(self, on_ready: Callable[[str], None] | None = None) -> None:
        if on_ready is not None:
            on_ready(self.url)
        try:
            self._server.run()
        except OSError:
            # close() from another thread pulls the socket out from under waitress's select().
            if not self._closing:
                raise

    def close(self) -> None:
        self._closing = True
        self._server.close()
