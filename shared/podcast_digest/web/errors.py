"""Every error answer in one place: a page (or JSON for JSON callers) that says what to do, never a trace.

Unknown paths answer 404 and known paths with the wrong method 405 with an
Allow header; only a real fault is a 500.
"""

import logging

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.exceptions import NotFoundError as NoRoute
from pydantic import ValidationError

from podcast_digest.errors import BadInputError, NotFoundError, TransientError
from podcast_digest.subscriptions.tokens import InvalidToken
from podcast_digest.web import requests, views
from podcast_digest.web.limits import TooManySignups
from podcast_digest.web.responses import html_response, json_response
from podcast_digest.web.routes import RouteTable
from podcast_digest.web.site import Site

log = logging.getLogger(__name__)


def sentence(message: str) -> str:
    """Our errors are written lower-case to go after 'error:' in the CLI; a page starts a sentence."""
    text = message.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


def register_error_handlers(app: APIGatewayHttpResolver, site: Site, table: RouteTable) -> None:
    def answer(status: int, title: str, message: str, headers: dict[str, str] | None = None) -> Response:
        if requests.wants_json(app.current_event):
            return json_response(status, {"error": message}, headers)
        return html_response(status, views.message(site, title, [sentence(message)]), headers)

    @app.not_found
    def no_route(_exc: NoRoute) -> Response:
        event = app.current_event
        allowed = table.allowed(event.path)
        if allowed:
            methods = ", ".join(sorted(allowed))
            return answer(405, "Not allowed here", f"this address answers {methods} only", {"Allow": methods})
        return answer(404, "Page not found", "there is nothing at this address: check the link")

    @app.exception_handler(InvalidToken)
    def invalid_token(exc: InvalidToken) -> Response:
        return answer(400, "This link does not work", str(exc))

    @app.exception_handler(ValidationError)
    def invalid_input(exc: ValidationError) -> Response:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "request"
        return answer(422, "Please check the form", f"{where}: {first['msg']}")

    @app.exception_handler(NotFoundError)
    def not_found(exc: NotFoundError) -> Response:
        return answer(404, "Not found", str(exc))

    @app.exception_handler(TooManySignups)
    def too_many(exc: TooManySignups) -> Response:
        return answer(429, "Please wait a little", str(exc), {"Retry-After": str(exc.retry_after)})

    @app.exception_handler(BadInputError)
    def bad_input(exc: BadInputError) -> Response:
        return answer(400, "Please check the request", str(exc))

    @app.exception_handler(TransientError)
    def unavailable(exc: TransientError) -> Response:
        log.warning("web: upstream unavailable: %s", exc)
        return answer(503, "Please try again in a minute", "our mail service is busy; nothing was lost")

    @app.exception_handler(Exception)
    def unexpected(exc: Exception) -> Response:
        log.exception("web request failed")
        return answer(500, "Something went wrong", "please try again later; the error has been logged")
