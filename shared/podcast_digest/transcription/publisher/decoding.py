"""Bytes to text for transcripts: byte-order marks, UTF-8, then a legacy fallback; never a crash."""

import codecs

from podcast_digest.errors import TranscriptFormatError

# Longest marks first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no mark: mostly-ASCII text shows as a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode_transcript(data: bytes) -> str:
    """The text of a transcript file with line endings normalised to "\\n".

    A byte-order mark wins; otherwise UTF-8, then cp1252 (what legacy Windows tools write), with
    undecodable bytes replaced rather than refused: a stray byte should not cost a whole episode.
    """
    if not data or not data.strip():
        raise TranscriptFormatError(
            "the transcript is empty (0 bytes of text): check the transcript URL or file, "
            "or remove it so the audio is transcribed instead"
        )
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            break
    if text is None:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            text = data.decode(utf16, errors="replace")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    # NUL is never text; WebVTT says to read it as U+FFFD.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    if not text.strip():
        raise TranscriptFormatError(
            "the transcript is empty (only whitespace): check the transcript URL or file, "
            "or remove it so the audio is transcribed instead"
        )
    return text
