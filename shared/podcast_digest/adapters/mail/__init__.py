"""Mailer adapters: the outbox folder and SMTP (SES lives with the AWS adapters).

All of them send the message built by ``mime.build_message``, so a digest
looks the same whichever way it leaves.
"""

from podcast_digest.errors import BadInputError


class MailRejected(BadInputError):
    """The mail server refused the message for good (an SMTP 5xx): retrying the same message will not help."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


__all__ = ["MailRejected"]
