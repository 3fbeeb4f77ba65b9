"""Reading a request: a bounded body, form fields, JSON or not, the token, the client's address."""

from urllib.parse import parse_qs

from aws_lambda_powertools.utilities.data_classes.common import BaseProxyEvent

from podcast_digest.errors import BadInputError
from podcast_digest.subscriptions.tokens import InvalidToken

MAX_BODY_BYTES = 16 * 1024
MAX_FORM_FIELDS = 60


def body_bytes(event: BaseProxyEvent) -> bytes:
    raw = event.decoded_body or ""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    if len(data) > MAX_BODY_BYTES:
        raise BadInputError(f"the request body is larger than {MAX_BODY_BYTES} bytes")
    return data


def form(event: BaseProxyEvent) -> dict[str, list[str]]:
    try:
        return parse_qs(body_bytes(event).decode("utf-8", "replace"), max_num_fields=MAX_FORM_FIELDS)
    except ValueError:
        raise BadInputError("the form has too many fields") from None


def wants_json(event: BaseProxyEvent) -> bool:
    content_type = event.headers.get("content-type", "") or ""
    return content_type.split(";")[0].strip().lower() == "application/json"


def token_of(event: BaseProxyEvent, fields: dict[str, list[str]] | None = None) -> str:
    """The token from the URL (every link we send) or, failing that, from our own pages' forms."""
    token = event.get_query_string_value("token")
    if not token and fields is not None:
        token = fields.get("token", [""])[0]
    if not token:
        raise InvalidToken()
    return token


def client_address(event: BaseProxyEvent) -> str:
    context = event.raw_event.get("requestContext") or {}
    return str((context.get("http") or {}).get("sourceIp") or "unknown")
