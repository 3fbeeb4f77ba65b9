"""Mail through SES v2 as raw MIME, so every header we set (List-Unsubscribe…) reaches the inbox.

The message is built by podcast_digest.adapters.mail.mime.build_message, the
same builder the outbox and SMTP mailers use. SES errors become our typed
errors: throttling and 5xx are transient (the notify step is retried and
sends only to those not yet mailed); a rejected message is bad input.
"""

from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from podcast_digest.adapters.aws import clients
from podcast_digest.errors import BadInputError, UpstreamThrottled, UpstreamUnavailable
from podcast_digest.models import OutgoingEmail

_THROTTLED = {"TooManyRequestsException", "LimitExceededException", "ThrottlingException", "Throttling"}
_REFUSED = {
    "MessageRejected",
    "MailFromDomainNotVerifiedException",
    "AccountSuspendedException",
    "SendingPausedException",
    "BadRequestException",
    "NotFoundException",
}


class SESMailer:
    """The Mailer port on SES v2 (SendEmail with Content.Raw)."""

    def __init__(self, configuration_set: str | None = None, client: Any = None) -> None:
        self.configuration_set = configuration_set
        self._client = client

    @property
    def client(self) -> Any:
        return self._client if self._client is not None else clients.sesv2()

    def send(self, email: OutgoingEmail) -> str:
        from podcast_digest.adapters.mail.mime import build_message

        message = build_message(email)
        request: dict[str, Any] = {
            "FromEmailAddress": email.sender,
            "Destination": {"ToAddresses": [email.to]},
            "Content": {"Raw": {"Data": message.as_bytes()}},
            "EmailTags": [{"Name": "kind", "Value": _tag_value(email.tag)}],
        }
        if self.configuration_set:
            request["ConfigurationSetName"] = self.configuration_set
        try:
            response = self.client.send_email(**request)
        except ClientError as exc:
            raise _typed(exc, email) from exc
        except BotoCoreError as exc:  # connection refused, timeouts: the service may be back soon
            raise UpstreamUnavailable(f"SES could not be reached: {exc}") from exc
        return str(response["MessageId"])


def _typed(exc: ClientError, email: OutgoingEmail) -> Exception:
    error = exc.response.get("Error", {})
    code, text = str(error.get("Code", "")), str(error.get("Message", ""))
    status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
    if code in _THROTTLED or status == 429:
        return UpstreamThrottled(f"SES is throttling sends ({code}): the step is retried with backoff")
    if code in _REFUSED or 400 <= status < 500:
        return BadInputError(
            f"SES refused the digest to {email.to} from {email.sender} ({code}: {text}); check that the "
            "sender identity is verified (docs/deploy.md) and, in the SES sandbox, the recipient too"
        )
    return UpstreamUnavailable(f"SES failed to send ({code or status}: {text}); the step is retried")


def _tag_value(tag: str) -> str:
    # SES tag values allow only letters, digits, '_' and '-'.
    return "".join(c if c.isalnum() or c in "_-" else "_" for c in tag)[:256] or "digest"
