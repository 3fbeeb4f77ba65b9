"""The offline, embedded default summarizer: the house format from the transcript's own sentences."""

from podcast_digest.summarization.extractive.summarizer import ExtractiveSummarizer

__all__ = ["ExtractiveSummarizer"]
