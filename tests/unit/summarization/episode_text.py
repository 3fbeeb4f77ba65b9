"""A small hand-written episode: four topics of about 4.5 minutes each, with advice and a memorable line."""

from podcast_digest.models import (
    Chapter,
    Episode,
    Feed,
    Segment,
    Transcript,
    TranscriptSource,
    TranscriptSourceKind,
)

TOPICS: dict[str, list[str]] = {
    "cold starts": [
        "Welcome back to the show, today we are talking about serverless functions with our guest.",
        "Cold starts happen when the platform has to create a fresh execution environment for a function.",
        "A cold start adds latency because the runtime, the code package and the dependencies must be loaded first.",
        "Um, you know, the biggest cold starts we measured came from huge dependency bundles.",
        "Java functions had the slowest cold starts in our tests, often more than two seconds.",
        "Python and Node functions usually start in a few hundred milliseconds when the package is small.",
        "You should keep the deployment package small, because every megabyte adds to the cold start.",
        "Provisioned concurrency keeps a number of execution environments warm and ready for requests.",
        "With provisioned concurrency the cold start disappears, but you pay for the warm environments all day.",
        "Make sure you measure the cold start latency in production before buying provisioned concurrency.",
        "Some teams ping their functions every few minutes to keep them warm, which is a fragile trick.",
        "Snapshot based start up, like SnapStart, restores an initialised environment instead of booting it.",
    ],
    "observability": [
        "Let's move on to observability, because you cannot fix what you cannot see.",
        "Structured logging means every log line is a JSON document with the request id and the function name.",
        "Tracing shows how a request travels through queues, functions and databases.",
        "Distributed tracing made it obvious that most of our latency came from one slow database query.",
        "Metrics like error rate, duration and throttles belong on one dashboard for each service.",
        "I recommend emitting business metrics too, such as orders placed per minute.",
        "Alarms should page a human only when customers are affected, not for every single error.",
        "Log sampling keeps the logging bill under control when traffic grows.",
        "Correlation ids let you follow one customer request across every service it touches.",
        "Always propagate the trace context when a function puts a message on a queue.",
        "The observability bill surprised us, it was bigger than the compute bill for a while.",
        "Dashboards nobody looks at are worse than useless, because they give a false sense of safety.",
    ],
    "costs": [
        "Now let's talk about money, because serverless pricing confuses a lot of people.",
        "You pay for the number of requests and for the duration multiplied by the memory size.",
        "Raising the memory size also raises the CPU share, so a function can finish faster and cost less.",
        "We tuned the memory size of every function and cut the monthly bill by forty percent.",
        "Idle time costs nothing, which is why spiky workloads are a great fit for functions.",
        "Steady high traffic can be cheaper on containers than on functions, so do the math first.",
        "Data transfer between regions is the hidden cost that nobody puts in the spreadsheet.",
        "Don't forget that retries multiply your invocations when a downstream service is failing.",
        "Budgets and cost anomaly alerts tell you within a day when a deploy doubles the spend.",
        "The key is to tag every resource with its team, so each team sees its own costs.",
        "Reserved capacity discounts rarely apply to functions, unlike virtual machines.",
        "A cheap architecture is one that the team understands and can change safely.",
    ],
    "testing": [
        "Finally, testing, which is where most serverless teams struggle the most.",
        "Unit tests should cover the business logic without any cloud service at all.",
        "Integration tests run against real cloud resources in a short-lived test account.",
        "Local emulators drift from the real services, so they can hide permission errors.",
        "We deploy every pull request to its own ephemeral stack and run the tests there.",
        "Ephemeral stacks cost almost nothing because functions only bill when they run.",
        "Contract tests check that the events a producer sends still match what consumers expect.",
        "The best test suites I have seen are boring, fast, and run on every single commit.",
        "Chaos experiments, like injecting latency into a dependency, reveal missing timeouts.",
        "Set a timeout on every network call, because the default is often far too long.",
        "Feature flags let you ship code dark and turn it on for a few customers first.",
        "Thanks for having me, and see you next time on the show.",
    ],
}

MEMORABLE = (
    "Serverless doesn't remove operations work, it just moves the hard parts to places you have to look for."
)

SPEAKERS = ("Host", "Guest")


def episode_transcript(*, seconds_per_sentence: float = 22.5, language: str | None = "en") -> Transcript:
    """Every topic's sentences as segments, alternating speakers, MEMORABLE in the second topic."""
    rows: list[Segment] = []
    t = 0.0
    for n, sentences in enumerate(TOPICS.values()):
        lines = list(sentences)
        if n == 1:
            lines.insert(6, MEMORABLE)
        for i, text in enumerate(lines):
            rows.append(
                Segment(start=t, end=t + seconds_per_sentence - 0.5, text=text, speaker=SPEAKERS[i % 2])
            )
            t += seconds_per_sentence
    return Transcript(
        episode_id="ep-serverless",
        language=language,
        segments=rows,
        source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER, format="vtt"),
    )


def feed_and_episode(
    *, title: str = "Cold starts, observability and costs in serverless", description: str = ""
) -> tuple[Feed, Episode]:
    feed = Feed(feed_id="feed-1", url="https://example.com/feed.xml", title="Cloud Talk", language="en")
    episode = Episode(
        episode_id="ep-serverless",
        feed_id="feed-1",
        title=title,
        description=description
        or "<p>We dig into <b>cold starts</b>, provisioned concurrency and testing serverless apps.</p>",
        link="https://example.com/episodes/42",
        chapters=[
            Chapter(start_seconds=0, title="Cold starts"),
            Chapter(start_seconds=290, title="Observability"),
        ],
    )
    return feed, episode
