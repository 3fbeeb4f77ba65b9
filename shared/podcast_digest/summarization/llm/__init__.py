"""The LLM summarizer: map-reduce over transcript sections into the house format.

Only `client.py` imports openai. See summarizer.py for the flow.
"""

from podcast_digest.summarization.llm.summarizer import LLMSummarizer

__all__ = ["LLMSummarizer"]
