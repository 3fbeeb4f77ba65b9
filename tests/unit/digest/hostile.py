"""A summary whose every text field carries markup, scripts or header injections, as a hostile feed would."""

from podcast_digest.models import Chapter, InDepthSection, KeyIdeaGroup, Lesson, Quote, Summary
from tests.support.summaries import sample_summary

SCRIPT_TITLE = "<script>alert(1)</script>"
IMG_IDEA = "Watch this <img src=x onerror=alert(document.cookie)> closely"
LINK_IDEA = "[click me](javascript:alert(1)) and ![pixel](https://tracker.example.com/p.gif)"


def hostile_summary(**overrides) -> Summary:
    fields = {
        "podcast_title": 'Evil "Cast" & Co\r\nBcc: victim@example.com',
        "episode_title": SCRIPT_TITLE,
        "audio_url": "javascript:alert(1)",
        "episode_url": "javascript:alert(2)",
        "language": 'en" onload="alert(1)',
        "favorite_quote": Quote(
            text='"</blockquote><script>x()</script>', speaker="<b>Host</b>", verified=True
        ),
        "key_ideas": [
            KeyIdeaGroup(heading="# Not a heading <i>", ideas=[IMG_IDEA, LINK_IDEA, "1. not a list"])
        ],
        "lessons": [Lesson(title="**bold** _it_", explanation="<a href='javascript:alert(1)'>x</a> `code`")],
        "in_depth": [
            InDepthSection(
                start_seconds=75,
                end_seconds=300,
                heading="<svg onload=alert(1)>",
                key_ideas=[IMG_IDEA],
                lessons_heading="Lessons <style>body{display:none}</style>",
                lessons=[Lesson(title="t", explanation="e")],
            )
        ],
        "chapters": [
            Chapter(start_seconds=0, title="<iframe src=//evil.example.com>", url="javascript:alert(3)")
        ],
    }
    fields.update(overrides)
    return sample_summary(**fields)
