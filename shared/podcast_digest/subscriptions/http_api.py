"""Routes of the subscription HTTP API (API Gateway HTTP API, Powertools' APIGatewayHttpResolver).

POST /subscribe           double opt-in request (JSON or a form); the same 202 answer whatever the address
GET  /confirm?token=      a page with one button (link scanners follow GET links: GET changes nothing)
POST /confirm             confirms (the button's form carries the token)
GET  /unsubscribe?token=  a page with one button (mail scanners follow GET links: GET changes nothing)
POST /unsubscribe?token=  RFC 8058 one-click: honoured without cookies, body List-Unsubscribe=One-Click
GET|POST /manage?token=   which podcasts, how often
GET  /summaries/{id}      the full summary page

Input is validated with pydantic; every error is a JSON body or a page that
says what to do, never a stack trace. Pages are sent with a strict CSP and
no-referrer (tokens live in URLs).
"""

import json
import logging
import re
from collections.abc import Callable
from urllib.parse import parse_qs

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from podcast_digest.digest.pages import PageForm, render_page
from podcast_digest.errors import BadInputError, NotFoundError, TransientError
from podcast_digest.models import Frequency
from podcast_digest.subscriptions.service import SubscriptionService
from podcast_digest.subscriptions.tokens import MAX_TOKEN_CHARS, InvalidToken, Purpose

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 16 * 1024
_EPISODE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src https:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}
FREQUENCY_LABELS = [
    (Frequency.PER_EPISODE.value, "Every episode, as soon as its summary is ready"),
    (Frequency.DAILY.value, "One daily roundup"),
    (Frequency.WEEKLY.value, "One weekly roundup"),
]
ACCEPTED = (
    "If this address can receive our email, a confirmation link is on its way. "
    "Nothing is sent until it is clicked."
)


class SubscribeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=320)
    feed_ids: list[str] = Field(min_length=1, max_length=20)
    frequency: Frequency = Frequency.PER_EPISODE

    @field_validator("feed_ids", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class ManageRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    token: str = Field(max_length=MAX_TOKEN_CHARS)
    feed_ids: list[str] = Field(default_factory=list, max_length=50)
    frequency: Frequency = Frequency.PER_EPISODE


def page(status: int, heading: str, paragraphs: list[str], form: PageForm | None = None) -> Response:
    return Response(status, "text/html; charset=utf-8", render_page(heading, paragraphs, form), _PAGE_HEADERS)


def json_response(status: int, body: dict) -> Response:
    return Response(status, "application/json", json.dumps(body), {"Cache-Control": "no-store"})


def build_api(service: Callable[[], SubscriptionService]) -> APIGatewayHttpResolver:
    """The resolver; `service` is called per request (a fresh context and cached secret)."""
    app = APIGatewayHttpResolver()

    def body_bytes() -> bytes:
        raw = app.current_event.decoded_body or ""
        data = raw.encode("utf-8") if isinstance(raw, str) else raw
        if len(data) > MAX_BODY_BYTES:
            raise BadInputError(f"the request body is larger than {MAX_BODY_BYTES} bytes")
        return data

    def form() -> dict[str, list[str]]:
        try:
            return parse_qs(body_bytes().decode("utf-8", "replace"), max_num_fields=60)
        except ValueError:
            raise BadInputError("the form has too many fields") from None

    def wants_json() -> bool:
        content_type = app.current_event.headers.get("content-type", "") or ""
        return content_type.split(";")[0].strip().lower() == "application/json"

    def token_from(fields: Callable[[], dict[str, list[str]]] | None = None) -> str:
        """The token from the URL (every link we send) or, failing that, from our own pages' forms."""
        token = app.current_event.get_query_string_value("token")
        if not token and fields is not None:
            token = fields().get("token", [""])[0]
        if not token:
            raise InvalidToken()
        return token

    @app.post("/subscribe")
    def subscribe() -> Response:
        if wants_json():
            try:
                payload = json.loads(body_bytes() or b"{}")
            except ValueError:
                raise BadInputError('the body is not JSON: send {"email": ..., "feed_ids": [...]}') from None
        else:
            fields = form()
            payload = {k: v if k == "feed_ids" else v[0] for k, v in fields.items()}
        request = SubscribeRequest.model_validate(payload)
        service().subscribe(request.email, request.feed_ids, request.frequency)
        if wants_json():
            return json_response(202, {"message": ACCEPTED})
        return page(202, "Check your inbox", [ACCEPTED])

    def button_page(purpose: Purpose, heading: str, text: str, action: str, submit: str) -> Response:
        """A GET on an emailed link only checks it and shows a button; the POST acts."""
        token = token_from()
        checker = service()
        checker.signer.verify(token, purpose, now=checker.ctx.clock())  # a bad link says so now
        return page(200, heading, [text], PageForm(action=action, token=token, submit=submit))

    @app.get("/confirm")
    def confirm_page() -> Response:
        # Mail scanners open every link in an email: a GET that confirmed would let them opt people in.
        return button_page(
            Purpose.CONFIRM,
            "Confirm your subscription",
            "One click and the summaries start.",
            "confirm",
            "Yes, send me summaries",
        )

    @app.post("/confirm")
    def confirm() -> Response:
        service().confirm(token_from(form))
        return page(200, "You are subscribed", ["Summaries will arrive at the frequency you chose."])

    @app.get("/unsubscribe")
    def unsubscribe_page() -> Response:
        return button_page(
            Purpose.UNSUBSCRIBE,
            "Unsubscribe?",
            "One click and these summaries stop.",
            "unsubscribe",
            "Unsubscribe",
        )

    @app.post("/unsubscribe")
    def unsubscribe() -> Response:
        # RFC 8058: the token is in the URL and the body is List-Unsubscribe=One-Click; our own
        # page's button sends the token in the body instead. No cookie or session is ever needed.
        service().unsubscribe(token_from(form))  # the body (any encoding) is read only without a URL token
        return page(200, "You are unsubscribed", ["You will get no more of these emails."])

    @app.get("/manage")
    def manage_page() -> Response:
        return _manage(service().manage_view(token_from()), "Your podcast summaries")

    @app.post("/manage")
    def manage_update() -> Response:
        fields = form()
        request = ManageRequest(
            token=token_from(lambda: fields),
            feed_ids=fields.get("feed_ids", []),
            frequency=fields.get("frequency", [Frequency.PER_EPISODE.value])[0],
        )
        view = service().update(request.token, request.feed_ids, request.frequency)
        return _manage(view, "Saved")

    @app.get("/summaries/<episode_id>")
    def summary_page(episode_id: str) -> Response:
        from podcast_digest.digest import render_html

        summary = service().ctx.records.get_summary(episode_id) if _EPISODE_ID.fullmatch(episode_id) else None
        if summary is None:
            raise NotFoundError("there is no summary at this address: check the link in your email")
        return Response(200, "text/html; charset=utf-8", render_html(summary), _PAGE_HEADERS)

    def _manage(view, heading: str) -> Response:  # type: ignore[no-untyped-def]
        return page(
            200,
            heading,
            [f"Summaries for {view.email}. Untick every podcast to stop them all."],
            PageForm(
                action="manage",
                token=view.token,
                submit="Save",
                feeds=[(f.feed_id, f.title or f.url, chosen) for f, chosen in view.feeds],
                frequencies=FREQUENCY_LABELS,
                frequency=view.frequency.value,
            ),
        )

    @app.exception_handler(InvalidToken)
    def invalid_token(exc: InvalidToken) -> Response:
        return _error(400, "This link does not work", str(exc))

    @app.exception_handler(ValidationError)
    def invalid_input(exc: ValidationError) -> Response:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "request"
        return _error(422, "Please check the form", f"{where}: {first['msg']}")

    @app.exception_handler(NotFoundError)
    def not_found(exc: NotFoundError) -> Response:
        return _error(404, "Not found", str(exc))

    @app.exception_handler(BadInputError)
    def bad_input(exc: BadInputError) -> Response:
        return _error(400, "Please check the request", str(exc))

    @app.exception_handler(TransientError)
    def unavailable(exc: TransientError) -> Response:
        log.warning("subscription API: upstream unavailable: %s", exc)
        return _error(503, "Please try again in a minute", "our mail service is busy; nothing was lost")

    @app.exception_handler(Exception)
    def unexpected(exc: Exception) -> Response:
        log.exception("subscription API failed")
        return _error(500, "Something went wrong", "please try again later; the error has been logged")

    def _error(status: int, heading: str, message: str) -> Response:
        if wants_json():
            return json_response(status, {"error": message})
        return page(status, heading, [message])

    return app
