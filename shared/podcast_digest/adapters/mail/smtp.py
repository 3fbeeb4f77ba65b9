"""SMTPMailer: sends through an SMTP server (a provider's submission port, or a local relay).

STARTTLS is on by default, and credentials are never sent over a connection
that is not encrypted: with ``starttls=False`` no username or password may be
set, and a server that does not offer STARTTLS is refused rather than talked
to in clear text. Errors map onto the pipeline's types: a 4xx or a dropped
connection is ``UpstreamUnavailable`` (retried later), a 5xx is
``MailRejected`` or, for a refused login or a bad certificate,
``ConfigurationError`` (retrying will not help; the message says what to fix).
"""

import smtplib
import ssl

from podcast_digest.adapters.mail import MailRejected
from podcast_digest.adapters.mail.mime import build_message
from podcast_digest.errors import ConfigurationError, UpstreamUnavailable
from podcast_digest.models import OutgoingEmail


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
            with smtplib.SMTP(self.host, self.port, timeout=self._timeout) as smtp:
                smtp.ehlo()
                if self._starttls:
                    self._upgrade(smtp)
                if self._username is not None and self._password is not None:
                    smtp.login(self._username, self._password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            # One recipient per message: every refusal is about that address.
            code, reply = next(iter(exc.recipients.values()), (0, b""))
            raise self._reply_error(code, reply, f"refused the recipient {email.to}") from exc
        except smtplib.SMTPAuthenticationError as exc:
            if 400 <= exc.smtp_code < 500:
                raise UpstreamUnavailable(
                    f"{self._where} could not check the login now ({exc.smtp_code})"
                ) from exc
            raise ConfigurationError(
                f"{self._where} refused the login for {self._username!r} ({exc.smtp_code}): check "
                "PODCAST_DIGEST_SMTP_USERNAME and PODCAST_DIGEST_SMTP_PASSWORD"
            ) from exc
        except smtplib.SMTPResponseException as exc:
            raise self._reply_error(exc.smtp_code, exc.smtp_error, "refused the message") from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise ConfigurationError(
                f"{self._where} does not support login ({exc}): drop the SMTP username and password "
                "or use the provider's submission port"
            ) from exc
        except ssl.SSLCertVerificationError as exc:
            raise ConfigurationError(
                f"{self._where} presented a certificate that does not verify ({exc.verify_message}): "
                "check PODCAST_DIGEST_SMTP_HOST is the name on the server's certificate"
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            # Refused or dropped connections, timeouts, TLS handshakes cut short.
            raise UpstreamUnavailable(f"{self._where} could not be reached or hung up: {exc}") from exc
        return str(message["Message-ID"])

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
        if 400 <= code < 500:
            return UpstreamUnavailable(f"{summary} (temporary; will retry)")
        return MailRejected(summary, code=code)
