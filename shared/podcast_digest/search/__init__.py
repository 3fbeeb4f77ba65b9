"""Search across every summary and transcript: what is indexed, and keeping the index whole."""
