"""A WSGI app that hands each HTTP request to the same resolver as the AWS API, as an HTTP API event.

The request becomes an API Gateway HTTP API (payload 2.0) event, so every
route and page exists once. Powertools keeps the current event on a class
attribute, so resolving is serialised with a lock (the server's threads still
overlap on the network). A HEAD answer keeps its headers and drops the body.
Logs name the method, path and status, never the query (tokens live there).
"""

import base64
import logging
import threading
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver

from podcast_digest.web.requests import MAX_BODY_BYTES

log = logging.getLogger("podcast_digest.web")

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def _path(environ: dict[str, Any]) -> str:
    # WSGI hands the path over as latin-1 text of the raw bytes.
    raw = environ.get("PATH_INFO", "") or "/"
    return raw.encode("latin-1").decode("utf-8", "replace")


def _headers(environ: dict[str, Any]) -> dict[str, str]:
    headers = {
        key[5:].replace("_", "-").lower(): str(value)
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(key):
            headers[key.replace("_", "-").lower()] = str(environ[key])
    return headers


def _body(environ: dict[str, Any]) -> bytes:
    """At most one byte past the limit: the resolver refuses what is too large, nothing is held."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    stream = environ.get("wsgi.input")
    if stream is None or length <= 0:
        return b""
    return stream.read(min(length, MAX_BODY_BYTES + 1))


def http_api_event(environ: dict[str, Any]) -> dict[str, Any]:
    method = str(environ.get("REQUEST_METHOD", "GET")).upper()
    path = _path(environ)
    raw_query = str(environ.get("QUERY_STRING", ""))
    parameters: dict[str, str] = {}
    for key, value in parse_qsl(raw_query, keep_blank_values=True, max_num_fields=100):
        parameters[key] = f"{parameters[key]},{value}" if key in parameters else value  # as API Gateway joins
    body = _body(environ)
    source = str(environ.get("REMOTE_ADDR", ""))
    return {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": raw_query,
        "headers": _headers(environ),
        "queryStringParameters": parameters or None,
        "requestContext": {
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": source,
                "userAgent": "",
            },
            "routeKey": "$default",
            "stage": "$default",
        },
        "body": base64.b64encode(body).decode("ascii") if body else None,
        "isBase64Encoded": bool(body),
    }


class ResolverApp:
    """WSGI in, resolver out."""

    def __init__(self, resolver: APIGatewayHttpResolver | None = None) -> None:
        self.resolver = resolver  # may be given once the server is bound and knows its own address
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            event = http_api_event(environ)
        except ValueError:
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"The request's query string has too many fields.\n"]
        if self.resolver is None:
            start_response("503 Service Unavailable", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"Starting up: try again in a second.\n"]
        with self._lock:
            answer = self.resolver.resolve(event, None)  # type: ignore[arg-type]  # no Lambda here
        status = int(answer["statusCode"])
        raw = answer.get("body") or ""
        body = base64.b64decode(raw) if answer.get("isBase64Encoded") else str(raw).encode("utf-8")
        headers = [
            (k, str(v)) for k, v in (answer.get("headers") or {}).items() if k.lower() != "content-length"
        ]
        headers += [("Set-Cookie", c) for c in answer.get("cookies") or []]
        headers.append(("Content-Length", str(len(body))))
        log.info("%s %s %d", event["requestContext"]["http"]["method"], event["rawPath"][:200], status)
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [b""] if event["requestContext"]["http"]["method"] == "HEAD" else [body]
