"""Summarization: turning a transcript into the house format (reference/summary-format.md).

- `sections`: cuts a transcript into parts of about 4-5 minutes of talk, the unit of
  the In-Depth part and of the LLM summarizer's map step.
- `quotes`: finds a candidate quote in the transcript and returns its verbatim
  wording, speaker and time; an unverifiable quote is never shown.
- `extractive`: the offline, embedded default summarizer, built from the
  transcript's own sentences.
- `llm`: the summarizer that asks a language model.
"""
