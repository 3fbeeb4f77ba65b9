"""The podcast tags feedparser drops or flattens, read by a tolerant second pass.

feedparser keeps only the last `<podcast:transcript>` of an item, loses the
text of an element that also has attributes (`<podcast:locked owner=…>yes`),
and knows nothing of `podcast:updateFrequency`. This pass reads those with the
standard library's forgiving HTML tokenizer, which never expands entities
beyond the HTML character references and never fails on broken XML, so it
works on the same bozo feeds feedparser recovers.

Namespace prefixes are mapped to the canonical ones (`podcast`, `itunes`,
`atom`) from the document's xmlns declarations; an undeclared prefix is taken
literally (real feeds use `itunes:` without declaring it).
"""

from html.parser import HTMLParser

from pydantic import Field

from podcast_digest.models.base import DomainModel

CANONICAL_PREFIX = {
    "https://podcastindex.org/namespace/1.0": "podcast",
    "https://github.com/podcastindex-org/podcast-namespace/blob/main/docs/1.0.md": "podcast",
    "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
    "https://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
    "http://www.w3.org/2005/atom": "atom",
}
ITEM_TAGS = {"item", "entry", "atom:entry"}
TEXT_TAGS = {
    "guid",
    "id",
    "atom:id",
    "link",
    "itunes:block",
    "itunes:episodetype",
    "itunes:duration",
    "podcast:locked",
    "podcast:updatefrequency",
    "itunes:new-feed-url",
    "podcast:person",
}
MAX_TEXT = 4096  # these tags hold short values; a longer one is truncated, not accumulated
MAX_PERSONS = 24  # per channel or item: a real cast is a handful; a feed listing thousands is not read
MAX_PERSON_NAME = 120


class TranscriptTag(DomainModel):
    url: str
    mime_type: str | None = None
    language: str | None = None
    rel: str | None = None


class PersonTag(DomainModel):
    """`<podcast:person role="guest" group="cast">Name</podcast:person>`; role and group default
    to host and cast, as the namespace says."""

    name: str
    role: str = "host"
    group: str = "cast"


def person_tag(name: str, attributes: dict[str, str]) -> PersonTag | None:
    """The tag as a person, or None when it names nobody (empty, or control characters only)."""
    text = " ".join("".join(c for c in name if c.isprintable()).split())[:MAX_PERSON_NAME]
    if not any(c.isalpha() for c in text):
        return None
    role = " ".join(attributes.get("role", "").lower().split()) or "host"
    group = " ".join(attributes.get("group", "").lower().split()) or "cast"
    return PersonTag(name=text, role=role[:40], group=group[:40])


class ItemTags(DomainModel):
    guid: str | None = None
    enclosure_url: str | None = None
    link: str | None = None
    block: str | None = None
    episode_type: str | None = None
    duration: str | None = None
    transcripts: list[TranscriptTag] = Field(default_factory=list)
    chapters_url: str | None = None
    persons: list[PersonTag] = Field(default_factory=list)

    def identity_keys(self) -> list[str]:
        return [key for key in (self.guid, self.enclosure_url, self.link) if key]


class FeedTags(DomainModel):
    block: str | None = None
    locked: str | None = None
    update_frequency_rrule: str | None = None
    new_feed_url: str | None = None
    persons: list[PersonTag] = Field(default_factory=list)
    items: list[ItemTags] = Field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = FeedTags()
        self._prefixes: dict[str, str] = {}
        self._item: ItemTags | None = None
        self._text_tag: str | None = None
        self._text: list[str] = []
        self._text_size = 0
        self._person: dict[str, str] = {}

    def _name(self, tag: str) -> str:
        if ":" in tag:
            prefix, local = tag.split(":", 1)
            return f"{self._prefixes.get(prefix, prefix)}:{local}"
        return tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: (value or "").strip() for key, value in attrs}
        for key, value in attributes.items():
            if key.startswith("xmlns:") and value.lower() in CANONICAL_PREFIX:
                self._prefixes[key[6:]] = CANONICAL_PREFIX[value.lower()]
        name = self._name(tag)
        if name in ITEM_TAGS:
            self._item = ItemTags()
            self.tags.items.append(self._item)
            return
        item = self._item
        if name == "podcast:updatefrequency" and item is None:
            self.tags.update_frequency_rrule = attributes.get("rrule") or None
        if item is not None:
            if name == "enclosure" and attributes.get("url") and item.enclosure_url is None:
                item.enclosure_url = attributes["url"]
            elif (
                name in ("link", "atom:link")
                and attributes.get("rel") == "enclosure"
                and attributes.get("href")
            ):
                item.enclosure_url = item.enclosure_url or attributes["href"]
            elif (
                name in ("link", "atom:link")
                and attributes.get("href")
                and attributes.get("rel", "alternate") == ("alternate")
            ):
                item.link = item.link or attributes["href"]
            elif name == "podcast:transcript" and attributes.get("url"):
                item.transcripts.append(
                    TranscriptTag(
                        url=attributes["url"],
                        mime_type=attributes.get("type") or None,
                        language=attributes.get("language") or None,
                        rel=attributes.get("rel") or None,
                    )
                )
            elif name == "podcast:chapters" and attributes.get("url"):
                item.chapters_url = item.chapters_url or attributes["url"]
        if name == "podcast:person":
            self._person = attributes
        if name in TEXT_TAGS:
            self._text_tag, self._text, self._text_size = name, [], 0

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._text_tag = None

    def handle_data(self, data: str) -> None:
        if self._text_tag is not None and self._text_size < MAX_TEXT:
            self._text.append(data[: MAX_TEXT - self._text_size])
            self._text_size += len(data)

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA["):
            self.handle_data(data[6:])

    def handle_endtag(self, tag: str) -> None:
        name = self._name(tag)
        if name in ITEM_TAGS:
            self._item = None
            return
        if name != self._text_tag:
            return
        text = "".join(self._text).strip() or None
        self._text_tag = None
        item = self._item
        if name == "podcast:person":
            self._add_person(text or "", item)
            return
        if item is None:
            if name == "itunes:block":
                self.tags.block = text
            elif name == "podcast:locked":
                self.tags.locked = text
            elif name == "itunes:new-feed-url":
                self.tags.new_feed_url = text
            return
        if name in ("guid", "id", "atom:id"):
            item.guid = item.guid or text
        elif name == "link":
            item.link = item.link or text
        elif name == "itunes:block":
            item.block = text
        elif name == "itunes:episodetype":
            item.episode_type = text
        elif name == "itunes:duration":
            item.duration = text

    def _add_person(self, name: str, item: ItemTags | None) -> None:
        persons = item.persons if item is not None else self.tags.persons
        person = person_tag(name, self._person)
        if person is not None and len(persons) < MAX_PERSONS and person not in persons:
            persons.append(person)


def scan_podcast_tags(text: str) -> FeedTags:
    """Read the podcast tags of a feed already decoded to text (never raises on broken markup)."""
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.tags
