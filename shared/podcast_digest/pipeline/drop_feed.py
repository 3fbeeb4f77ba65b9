"""The drop folder's own feed: the one feed no poller fetches, which holds every dropped file's episode.

Apart from drop_folder.py so that what only asks "is this the drop folder's
feed?" (subscriptions, the site's slugs) does not import the ingest and,
through it, the transcription step.
"""

from podcast_digest.models import Feed
from podcast_digest.models.identity import feed_id_for

DROP_FEED_URL = "drop-folder:incoming"
DROP_FEED_ID = feed_id_for(DROP_FEED_URL)


def is_drop_feed(feed: Feed) -> bool:
    return feed.url == DROP_FEED_URL
