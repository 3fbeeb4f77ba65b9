"""Transcription: every way an episode becomes a canonical `Transcript`.

- `publisher`: the feed's own `<podcast:transcript>` files and transcripts users drop in
  (WebVTT, SRT, Podcasting 2.0 JSON and HTML, plain text, markdown).
- `chapters`: Podcasting 2.0 chapter files.
- `engines` and `audio*`: speech to text from the episode's audio.
"""
