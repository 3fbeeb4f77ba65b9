"""Where the token signing key comes from: settings, the stack's secret, or a file in the local home.

Never a default baked into the code: a key anyone can read from the source
would let anyone unsubscribe anyone. In AWS the key is the `token_secret` of
the Secrets Manager secret named by PODCAST_DIGEST_TOKEN_SECRET_NAME, read
through the secrets adapter (cached by Powertools Parameters). Locally, the
first use writes a random key to `<home>/token-secret` readable by its owner
only (0600), and every later run reads the same key.
"""

import os
import secrets
from pathlib import Path

from podcast_digest.errors import ConfigurationError
from podcast_digest.settings import RecordsBackend, Settings
from podcast_digest.subscriptions.tokens import MIN_KEY_BYTES, TokenSigner

KEY_FILE_NAME = "token-secret"


def signing_key(settings: Settings) -> bytes:
    if settings.token_secret is not None:
        return _checked(
            settings.token_secret.get_secret_value().encode("utf-8"), "PODCAST_DIGEST_TOKEN_SECRET"
        )
    if settings.token_secret_name:
        from podcast_digest.adapters.aws.secrets import with_secrets

        resolved = with_secrets(settings.model_copy(update={"secret_name": settings.token_secret_name}))
        if resolved.token_secret is None:
            raise ConfigurationError(
                f"secret {settings.token_secret_name} has no token_secret key: store it as "
                '{"token_secret": "<at least 32 random characters>"}'
            )
        return _checked(resolved.token_secret.get_secret_value().encode("utf-8"), settings.token_secret_name)
    if settings.records is RecordsBackend.DYNAMODB:
        # A Lambda's home folder is thrown away: a generated key would change between invocations.
        raise ConfigurationError(
            "no token signing key: set PODCAST_DIGEST_TOKEN_SECRET_NAME to the stack's token secret"
        )
    return local_key(settings.home)


def signer_for(settings: Settings) -> TokenSigner:
    return TokenSigner(signing_key(settings))


def local_key(home: Path) -> bytes:
    """The key in home/token-secret, created (0600, exclusively) on first use."""
    path = home / KEY_FILE_NAME
    home.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            raise ConfigurationError(
                f"{path} can be read by other users: run `chmod 600 {path}` (it signs unsubscribe links)"
            ) from None
        return _checked(path.read_bytes().strip(), str(path))
    with os.fdopen(descriptor, "wb") as file:
        file.write(secrets.token_urlsafe(48).encode("ascii"))
    return _checked(path.read_bytes().strip(), str(path))


def _checked(key: bytes, where: str) -> bytes:
    if len(key) < MIN_KEY_BYTES:
        raise ConfigurationError(
            f"the token signing key from {where} is shorter than {MIN_KEY_BYTES} bytes: use a long random value"
        )
    return key
