"""Only URLs the source contains survive in a summary."""

from podcast_digest.summarization.llm.links import allowed_urls, normalise_url, remove_foreign_urls, urls_in

SOURCE = "Find the show at talkpython.fm/386 and the docs at https://wave.h2o.ai/docs/getting-started."


def test_a_url_not_in_the_source_is_removed_and_the_sentence_tidied():
    allowed = allowed_urls([SOURCE])
    assert remove_foreign_urls("Visit https://evil.example/steal?x=1 now.", allowed) == "Visit now."


def test_a_url_in_the_source_is_kept_whatever_its_scheme_or_www():
    allowed = allowed_urls([SOURCE])
    kept = "See http://www.wave.h2o.ai/docs/getting-started for details."
    assert remove_foreign_urls(kept, allowed) == kept


def test_a_shorter_form_of_a_source_url_counts_as_present():
    allowed = allowed_urls([SOURCE])
    assert remove_foreign_urls("More at talkpython.fm.", allowed) == "More at talkpython.fm."


def test_a_deeper_path_than_the_source_has_is_foreign():
    allowed = allowed_urls([SOURCE])
    assert "h2o.ai" not in remove_foreign_urls("Go to wave.h2o.ai/docs/getting-started/../admin", allowed)


def test_bare_hosts_www_and_markdown_links_are_all_caught():
    cleaned = remove_foreign_urls("Try www.evil.com or evil.io/x or [click here](https://evil.net/a).", set())
    assert urls_in(cleaned) == set()
    assert "click here" in cleaned


def test_library_names_that_look_like_hosts_are_not_links():
    text = "Node.js, ASP.NET and Vue.js were compared."
    assert remove_foreign_urls(text, set()) == text


def test_normalised_urls_ignore_scheme_www_case_and_trailing_punctuation():
    assert normalise_url("HTTPS://WWW.Example.COM/Path/") == "example.com/path"
    assert normalise_url("example.com/a).") == "example.com/a)"
