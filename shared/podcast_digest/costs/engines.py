"""Which engines a run would pay for, read from the settings without building them."""

from podcast_digest.settings import Settings, SummarizerChoice, TranscriberChoice

# The names the engines price themselves under (transcription/pricing.py).
_TRANSCRIPTION_ENGINES = {
    TranscriberChoice.OPENAI: "openai",
    TranscriberChoice.OFFLINE: "faster-whisper",
    TranscriberChoice.TRANSCRIBE: "amazon-transcribe",
}


def chosen_transcriber(settings: Settings) -> TranscriberChoice:
    """The speech-to-text engine `transcriber` means: auto is OpenAI with a key, else offline."""
    if settings.transcriber is TranscriberChoice.AUTO:
        return TranscriberChoice.OPENAI if settings.openai_api_key is not None else TranscriberChoice.OFFLINE
    return settings.transcriber


def uses_llm(settings: Settings) -> bool:
    """The LLM summarizer when chosen, or under auto when a key or base URL is set."""
    return settings.summarizer is SummarizerChoice.LLM or (
        settings.summarizer is SummarizerChoice.AUTO and settings.llm_configured
    )


def transcription_engine(settings: Settings) -> tuple[str, str | None]:
    """(engine, model) as transcription/pricing.py prices them."""
    choice = chosen_transcriber(settings)
    model = settings.transcription_model if choice is TranscriberChoice.OPENAI else None
    return _TRANSCRIPTION_ENGINES[choice], model
