"""Mail through SES v2 as raw MIME, so every header we set (List-Unsubscribe…) reaches the inbox.

The message is built by podcast_digest.adapters.mail.mime.build_message, the
same builder the outbox and SMTP mailers use. SES errors become our typed
errors, in three kinds:

- throttling and 5xx are transient (adapters.aws.errors): the notify step is
  retried and sends only to those not yet mailed;
- the account or the stack cannot send at all (sending paused, account
  suspended, configuration set or sender identity missing, no permission):
  SesAccountError, a ConfigurationError, so the step fails loudly instead of
  counting one refused recipient after another, and the alarm on it fires;
- SES refused this one message (a recipient address it will not take, the
  sandbox's unverified recipient): MailRejected, this recipient only.
"""

import logging
from email.utils import parseaddr
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.errors import (
    PERMISSION_CODES,
    THROTTLING_CODES,
    error_code,
    http_status,
    translate,
)
from podcast_digest.adapters.mail import MailRejected
from podcast_digest.errors import ConfigurationError
from podcast_digest.models import OutgoingEmail

log = logging.getLogger(__name__)

# Codes that stop every send from this account or stack, whoever the recipient.
_ACCOUNT_CODES = {
    "SendingPausedException",  # SES paused sending (reputation), for the account or the configuration set
    "AccountSuspendedException",
    "MailFromDomainNotVerifiedException",
    "NotFoundException",  # the configuration set (or the sender identity) does not exist
    "ConfigurationSetDoesNotExist",
    "ConfigurationSetSendingPausedException",
    "AccountSendingPausedException",
    *PERMISSION_CODES,
}
# Messages of MessageRejected that are about the sender, not the recipient.
_SENDER_REFUSALS = ("did not have authority to send", "sending paused", "sending suspended", "not authorized")


class SesAccountError(ConfigurationError):
    """SES will not send anything for this account or stack: fix the account, then re-run the step.

    Not a per-recipient refusal: the delivery code lets it propagate, the state
    machine marks the episode failed (not notified), and the stack's alarm fires.
    """


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
        except (ClientError, BotoCoreError) as exc:
            raise _typed(exc, email, self.configuration_set) from exc
        return str(response["MessageId"])


def _typed(exc: Exception, email: OutgoingEmail, configuration_set: str | None) -> Exception:
    if not isinstance(exc, ClientError):
        return translate(exc, "SES SendEmail")
    code, status = error_code(exc), http_status(exc)
    text = str(exc.response.get("Error", {}).get("Message", ""))
    if code in THROTTLING_CODES or status == 429 or status >= 500:
        return translate(exc, "SES SendEmail")
    if status == 403 or _is_account_level(code, text, email.sender):  # 403: permission, whatever the body
        log.error("SesAccountError: SES refuses every send (%s: %s)", code, text)
        return SesAccountError(
            f"SES will not send for this account ({code}: {text}); sender {email.sender}, configuration set "
            f"{configuration_set or '(none)'}. Check the SES console (account status, sending paused, the "
            "sender identity verified, the configuration set) and the function's ses:SendEmail permission, "
            "then re-run the episode (docs/deploy.md)"
        )
    return MailRejected(
        f"SES refused the digest to {email.to} ({code}: {text}); in the SES sandbox every recipient "
        "must be verified too (docs/deploy.md)"
    )


def _is_account_level(code: str, text: str, sender: str) -> bool:
    if code in _ACCOUNT_CODES:
        return True
    if code != "MessageRejected":
        return False
    lowered = text.lower()
    address = parseaddr(sender)[1].lower()
    if address and address in lowered:
        return True
    return any(phrase in lowered for phrase in _SENDER_REFUSALS)


def _tag_value(tag: str) -> str:
    # SES tag values allow only letters, digits, '_' and '-'.
    return "".join(c if c.isalnum() or c in "_-" else "_" for c in tag)[:256] or "digest"
