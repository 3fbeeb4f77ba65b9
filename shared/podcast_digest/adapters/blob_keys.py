"""The blob-key rule every store applies: no key may climb out of its store or smuggle control characters.

Each store may be stricter (the folder store allows only portable file-name
characters; S3 caps a key's length); none may be looser.
"""


def refuse_hostile_key(key: str) -> str:
    """The checks every blob store applies (S3 too): return the key, or raise ValueError saying why.

    Refused: an empty key, NUL and other control characters, backslashes, an
    absolute key, and empty, ``.`` or ``..`` parts. What else a key may hold
    (spaces in an S3 drop-folder key, say) is each store's business.
    """
    if not isinstance(key, str) or not key:
        raise ValueError("a blob key must be a non-empty string such as 'transcripts/<feed>/<episode>.json'")
    shown = repr(key[:100])
    if "\x00" in key:
        raise ValueError(f"blob key {shown} contains a NUL character")
    if any(not c.isprintable() for c in key):
        raise ValueError(f"blob key {shown} contains a control character (a line break, a tab…)")
    if "\\" in key:
        raise ValueError(f"blob key {shown} contains a backslash: separate folders with '/'")
    if key.startswith("/"):
        raise ValueError(
            f"blob key {shown} is absolute: keys are relative, e.g. 'audio/<feed>/<episode>.mp3'"
        )
    for part in key.split("/"):
        if not part:
            raise ValueError(f"blob key {shown} has an empty part ('//' or a leading or trailing '/')")
        if part in (".", ".."):
            raise ValueError(f"blob key {shown} has a '{part}' part: keys cannot climb out of the store")
    return key
