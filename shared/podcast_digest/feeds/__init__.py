"""Feeds: fetching untrusted URLs safely, parsing podcast feeds, polling politely, enclosures, OPML."""
