"""SMTPMailer: sends through an SMTP server (a provider's submission port, or a local relay).

STARTTLS is on by default, and credentials are never sent over a connection
that is not encrypted: with ``starttls=False`` no username or password may be
set, and a server that does not offer STARTTLS is refused rather than talked
to in clear text. Errors map onto the pipeline's types: a 4xx or a dropped
connection is ``UpstreamUnavailable`` (retried later), a 5xx is
``MailRejected`` or, for a refused login or a bad certificate,
``ConfigurationError`` (retrying will not help; the message says what to fix).

A message the server accepted (250 after DATA) is sent, whatever QUIT answers
(421, a hang, a dropped connection): QUIT gets a short wait and its answer is
ignored. When the whole message went out but the answer to it never came, the
outcome is unknown: ``DeliveryUncertain``. Ctrl-C (or any BaseException) closes
the socket without QUIT, so smtplib's pending reply can never replace it.
"""

import contextlib
import smtplib
import ssl
from email.message import EmailMessage
from typing import Any

from podcast_digest.adapters.mail import MailRejected
from podcast_digest.adapters.mail.mime import build_message
from podcast_digest.errors import ConfigurationError, DeliveryUncertain, UpstreamUnavailable
from podcast_digest.models import OutgoingEmail

_QUIT_WAIT_SECONDS = 2.0
_END_OF_DATA = b"\r\n.\r\n"


class _Connection(smtplib.SMTP):
    """smtplib.SMTP that notes when the message's final dot went out (the server has it all)."""

    handed_over = False

    def send(self, s: Any) -> None:  # smtplib: str or a bytes-like buffer
        super().send(s)
        if isinstance(s, bytes) and s.endswith(_END_OF_DATA):
            self.handed_over = True


class SMTPMailer:
    def __init__(
        self,
        host: str,
        port: int,
        *,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = True,
        timeout: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if (username is None) != (password is None):
            raise ConfigurationError(
                "SMTP needs both a username and a password, or neither: set both "
                "PODCAST_DIGEST_SMTP_USERNAME and PODCAST_DIGEST_SMTP_PASSWORD"
            )
        if username is not None and not starttls:
            raise ConfigurationError(
                "refusing to send SMTP credentials without TLS: set PODCAST_DIGEST_SMTP_STARTTLS=true "
                "(or drop the username and password for a trusted local relay)"
            )
        self.host = host
        self.port = port
        self._username = username
        self._password = password
        self._starttls = starttls
        self._timeout = timeout
        self._ssl_context = ssl_context

    @property
    def _where(self) -> str:
        return f"SMTP server {self.host}:{self.port}"

    def send(self, email: OutgoingEmail) -> str:
        """Send one message; returns its Message-ID."""
        message = build_message(email)
        try:
            smtp = _Connection(self.host, self.port, timeout=self._timeout)
        except Exception as exc:
            raise self._typed(exc, email) from exc
        try:
            self._hand_over(smtp, message)
        except Exception as exc:
            _close(smtp)
            if smtp.handed_over and not isinstance(exc, smtplib.SMTPResponseException):
                raise DeliveryUncertain(
                    f"{self._where} took the whole message but its answer never came ({exc}); "
                    "the next run sends it again with the same Message-ID"
                ) from exc
            raise self._typed(exc, email) from exc
        except BaseException:
            _close(smtp)  # no QUIT: its pending reply must not replace a KeyboardInterrupt
            raise
        _quit(smtp)
        return str(message["Message-ID"])

    def _hand_over(self, smtp: smtplib.SMTP, message: EmailMessage) -> None:
        smtp.ehlo()
        if self._starttls:
            self._upgrade(smtp)
        if self._username is not None and self._password is not None:
            smtp.login(self._username, self._password)
        smtp.send_message(message)

    def _typed(self, exc: Exception, email: OutgoingEmail) -> Exception:
        if isinstance(exc, ConfigurationError):
            return exc
        if isinstance(exc, smtplib.SMTPRecipientsRefused):
            # One recipient per message: every refusal is about that address.
            code, reply = next(iter(exc.recipients.values()), (0, b""))
            return self._reply_error(code, reply, f"refused the recipient {email.to}")
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            if 400 <= exc.smtp_code < 500:
                return UpstreamUnavailable(f"{self._where} could not check the login now ({exc.smtp_code})")
            return ConfigurationError(
                f"{self._where} refused the login for {self._username!r} ({exc.smtp_code}): check "
                "PODCAST_DIGEST_SMTP_USERNAME and PODCAST_DIGEST_SMTP_PASSWORD"
            )
        if isinstance(exc, smtplib.SMTPResponseException):
            return self._reply_error(exc.smtp_code, exc.smtp_error, "refused the message")
        if isinstance(exc, smtplib.SMTPNotSupportedError):
            return ConfigurationError(
                f"{self._where} does not support login ({exc}): drop the SMTP username and password "
                "or use the provider's submission port"
            )
        if isinstance(exc, ssl.SSLCertVerificationError):
            return ConfigurationError(
                f"{self._where} presented a certificate that does not verify ({exc.verify_message}): "
                "check PODCAST_DIGEST_SMTP_HOST is the name on the server's certificate"
            )
        if isinstance(exc, smtplib.SMTPException | OSError):
            # Refused or dropped connections, timeouts, TLS handshakes cut short.
            return UpstreamUnavailable(f"{self._where} could not be reached or hung up: {exc}")
        return exc

    def _upgrade(self, smtp: smtplib.SMTP) -> None:
        if not smtp.has_extn("starttls"):
            raise ConfigurationError(
                f"{self._where} does not offer STARTTLS, so nothing was sent: use the provider's "
                "submission port (usually 587), or set PODCAST_DIGEST_SMTP_STARTTLS=false only for a "
                "trusted local relay without a login"
            )
        smtp.starttls(context=self._ssl_context or ssl.create_default_context())
        smtp.ehlo()  # the server's capabilities may change once encrypted (AUTH usually appears)

    def _reply_error(self, code: int, reply: bytes | str, what: str) -> Exception:
        text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
        summary = f"{self._where} {what}: {code} {text}".strip()
        if 500 <= code < 600:
            return MailRejected(summary, code=code)
        # 4xx, or smtplib's -1 for a connection that dropped mid-command: nothing refused for good.
        return UpstreamUnavailable(f"{summary} (temporary; will retry)")


def _quit(smtp: smtplib.SMTP) -> None:
    """Say goodbye briefly; the message is already accepted, so no answer (or none) changes that."""
    with contextlib.suppress(Exception):
        if smtp.sock is not None:
            smtp.sock.settimeout(min(_QUIT_WAIT_SECONDS, smtp.timeout))
        smtp.quit()
    _close(smtp)


def _close(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(Exception):
        smtp.close()
