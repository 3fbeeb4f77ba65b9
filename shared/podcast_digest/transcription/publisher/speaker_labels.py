"""`Speaker: text` labels at the start of a cue or a line, recognised only when they look like a name."""

_MAX_NAME_CHARS = 32
_MAX_NAME_WORDS = 3
_NAME_PUNCTUATION = frozenset("'’.-")


def _looks_like_name(label: str) -> bool:
    words = label.split()
    if not words or len(words) > _MAX_NAME_WORDS or len(label) > _MAX_NAME_CHARS:
        return False
    for word in words:
        if not word[0].isupper() and not word[0].isdigit():
            return False
        if not all(ch.isalnum() or ch in _NAME_PUNCTUATION for ch in word):
            return False
    # "Speaker 1" is a name; "10" or "2022" alone is not.
    return words[0][0].isupper()


def split_speaker_label(text: str) -> tuple[str | None, str]:
    """(`Travis`, `When you first get…`) for `Travis: When you first get…`; (None, text) otherwise.

    The name must be short and capitalised and be followed by a space, so `10:30`, `https://…`
    and `Note that: …` stay text.
    """
    label, colon, rest = text.partition(":")
    if not colon or not rest[:1].isspace() or not rest.strip():
        return None, text
    label = label.strip()
    if not _looks_like_name(label):
        return None, text
    return label, rest.strip()
