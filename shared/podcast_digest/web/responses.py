"""HTTP answers: pages with a strict CSP, JSON, Atom; the one place their headers are decided."""

import json

from aws_lambda_powertools.event_handler import Response

# No scripts at all, styles only inline, forms only to us; tokens live in URLs, so no referrer.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src https:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}


def html_response(status: int, body: str, headers: dict[str, str] | None = None) -> Response:
    return Response(status, "text/html; charset=utf-8", body, {**PAGE_HEADERS, **(headers or {})})


def json_response(status: int, body: dict, headers: dict[str, str] | None = None) -> Response:
    return Response(
        status, "application/json", json.dumps(body), {"Cache-Control": "no-store", **(headers or {})}
    )


def atom_response(body: str) -> Response:
    return Response(
        200,
        "application/atom+xml; charset=utf-8",
        body,
        {"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"},
    )
