"""Realistic summaries in the house format for tests: full-sized, with every part, chapters and provenance.

`sample_summary()` is a complete summary of a made-up 1h49m episode (a baker and a
microbiologist on sourdough). `sized_summary(in_depth_chars)` grows its In-Depth
part to a given size, like the 85 KB of reference/sample-summary.txt.
"""

from datetime import UTC, datetime
from typing import Any

from podcast_digest.models import (
    Chapter,
    ClickbaitVerdict,
    InDepthSection,
    KeyIdeaGroup,
    Lesson,
    PromiseCheck,
    Provenance,
    Quote,
    Summary,
)

SECTION_SECONDS = 270  # about 4.5 minutes of talk per In-Depth part

KEY_IDEAS = [
    (
        "How a Starter Really Works",
        [
            "A sourdough starter is a stable community of wild yeasts and lactic acid bacteria, not a single organism.",
            "The bacteria outnumber the yeasts roughly a hundred to one, and they shape most of the flavour.",
            "Flour, water and temperature decide which microbes win, more than the starter's age or origin.",
            "A neglected starter recovers within two or three feedings because the community rebalances itself.",
        ],
    ),
    (
        "Fermentation, Flavour and Time",
        [
            "Cool, slow fermentation favours acetic acid and a sharper, tangier loaf.",
            "Warm fermentation favours lactic acid and a milder, creamier crumb.",
            "Most of a loaf's aroma forms during fermentation, not in the oven.",
            "Long fermentation breaks down part of the gluten and some of the compounds people find hard to digest.",
        ],
    ),
    (
        "Flour as an Ingredient, Not a Commodity",
        [
            "Freshly milled whole-grain flour carries far more microbes and enzymes than white flour.",
            "Protein content alone predicts little; how the gluten behaves matters more.",
            "Heritage wheat varieties bake differently from year to year, and bakers must adapt.",
            "Buying directly from a local miller gave the bakery consistency it could not get from distributors.",
        ],
    ),
    (
        "Running a Bakery as a Business",
        [
            "Bread has thin margins; pastries and coffee pay the rent.",
            "A predictable daily schedule matters more to staff retention than higher wages alone.",
            "Wholesale accounts smooth out demand but squeeze prices.",
            "Selling out early every day is a sign of under-production, not success.",
        ],
    ),
    (
        "Science in the Kitchen",
        [
            "Measuring dough temperature is the single cheapest improvement a home baker can make.",
            "pH strips and a notebook turn guesswork into repeatable results.",
            "Lab studies of starters from around the world found geography matters less than bakers' hands and habits.",
        ],
    ),
    (
        "Myths and Misconceptions",
        [
            "San Francisco sourdough is not unique to San Francisco; its signature bacterium lives in starters worldwide.",
            "A 100-year-old starter has no special properties compared with a well-kept one-year-old starter.",
            "Sourdough is not gluten-free, even after a long fermentation.",
            "Adding commercial yeast to a sourdough does not make it a worse bread, only a different one.",
        ],
    ),
    (
        "Teaching and Community",
        [
            "Weekend classes turned customers into the bakery's most loyal regulars.",
            "Sharing starter for free built goodwill that no advertising could buy.",
            "Apprentices learn faster by shaping a hundred loaves badly than by watching ten shaped well.",
        ],
    ),
    (
        "The Future of Bread",
        [
            "Regional grain economies are slowly coming back as small mills reopen.",
            "Climate change is already shifting which wheat varieties grow well in which regions.",
            "Consumers increasingly care where their flour comes from, not just their coffee.",
        ],
    ),
]

LESSONS = [
    (
        "Measure before you change anything",
        "Write down dough temperature, time and pH so you know what actually changed a loaf.",
    ),
    (
        "Feed the starter on a schedule",
        "Regular feedings at the same ratio keep the microbial community stable and predictable.",
    ),
    (
        "Temperature is an ingredient",
        "Treat the warmth of your kitchen like you treat salt: control it and adjust for it.",
    ),
    (
        "Use fresh flour when you can",
        "Freshly milled flour brings enzymes and microbes that make fermentation livelier.",
    ),
    ("Slow down for flavour", "An overnight cold proof gives a more complex loaf than rushing a warm one."),
    (
        "Don't chase an old starter",
        "A starter's age says nothing about its quality; care and consistency do.",
    ),
    (
        "Price bread honestly",
        "Calculate labour and energy per loaf before setting a price, or the bread subsidises everything else.",
    ),
    (
        "Protect your team's schedule",
        "Predictable shifts keep skilled bakers longer than occasional bonuses.",
    ),
    (
        "Know your miller",
        "A direct relationship with a mill gives you flour you understand and can plan around.",
    ),
    ("Teach what you know", "Classes and shared starter build a community that returns every week."),
    ("Practise with volume", "Shaping many loaves quickly builds the feel that no recipe can describe."),
    (
        "Read the dough, not the clock",
        "Judge fermentation by volume, bubbles and smell, because times vary with every batch.",
    ),
    (
        "Adapt to each harvest",
        "Test a small batch whenever a new flour lot arrives and adjust hydration first.",
    ),
]

# (heading, ideas, lessons heading, lessons): one entry per ~4.5 minutes of talk.
IN_DEPTH = [
    (
        "Introductions and the Bakery's Origin Story",
        [
            "Maya Okafor opened Rise & Rye in 2014 with one deck oven and a starter she had kept since university.",
            "Dr. Lukas Brenner studies microbial communities in fermented foods at a university food science lab.",
            "The two met when Lukas asked to sample starters from local bakeries for a study.",
            "The episode promises to explain what actually happens inside a starter and what that means for bakers.",
        ],
        "Lessons from Starting Small",
        [
            (
                "Start with what you can control",
                "One oven and a simple menu let Maya learn the craft before scaling it.",
            ),
            (
                "Say yes to curious outsiders",
                "Letting a scientist into the bakery led to years of useful answers.",
            ),
        ],
    ),
    (
        "What Lives in a Starter",
        [
            "A starter holds a few species of yeast and a larger number of lactic acid bacteria species.",
            "The bacteria produce most of the acids, while the yeasts produce most of the gas.",
            "The community is stable because the acids it makes keep most other microbes out.",
            "Starters sampled from the same bakery over five years kept nearly the same dominant species.",
            "The flour itself reintroduces microbes at every feeding, which is why starters adapt to a bakery's flour.",
        ],
        "Lessons on Starter Biology",
        [
            (
                "Think of a starter as an ecosystem",
                "Changing one condition changes which microbes thrive, and the loaf with them.",
            ),
            ("Trust the acidity", "A properly acidic starter protects itself from spoilage organisms."),
        ],
    ),
    (
        "Feeding Ratios and Schedules",
        [
            "Maya feeds her starter at a 1:5:5 ratio twice a day in summer and once a day in winter.",
            "A higher feeding ratio dilutes the acids and gives the yeasts a head start.",
            "Irregular feeding makes a starter more sour and less reliable for rising.",
            "Lukas measured that a starter's pH curve repeats almost exactly when feedings are regular.",
        ],
        "Lessons on Feeding",
        [
            ("Pick a ratio and keep it", "Consistency in feeding matters more than the exact ratio chosen."),
            (
                "Adjust the ratio with the season",
                "More flour per feeding slows a starter down in hot weather.",
            ),
            ("Watch the peak", "Use the starter when it has just peaked in volume, not after it collapses."),
        ],
    ),
    (
        "Temperature as the Main Control",
        [
            "Every few degrees of dough temperature change fermentation speed noticeably.",
            "Maya uses water temperature to bring every dough to 25 °C after mixing.",
            "Home bakers often blame their starter when their kitchen is simply too cold.",
            "Lukas explains that yeasts and bacteria respond to temperature differently, shifting the flavour balance.",
        ],
        "Lessons on Temperature",
        [
            ("Buy a thermometer first", "It costs little and explains most inconsistent results."),
            (
                "Calculate your water temperature",
                "Target a final dough temperature and work backwards from flour and room temperature.",
            ),
        ],
    ),
    (
        "Acids and Flavour",
        [
            "Lactic acid gives a soft, yoghurt-like sourness; acetic acid gives a sharp, vinegary tang.",
            "A stiff starter with less water produces relatively more acetic acid.",
            "Cold retardation overnight shifts the balance towards acetic acid as well.",
            "Customers in Maya's town preferred the milder loaf, so she changed her process to suit them.",
        ],
        "Lessons on Flavour",
        [
            (
                "Steer sourness deliberately",
                "Hydration and temperature let you choose between mild and tangy.",
            ),
            ("Bake for your customers", "The best loaf is the one your regulars want to buy every week."),
        ],
    ),
    (
        "Flour Quality and Freshly Milled Grain",
        [
            "Freshly milled whole wheat ferments faster because it carries more enzymes and wild microbes.",
            "White flour is more predictable but gives the starter less to work with.",
            "Maya switched to a local stone mill in 2018 and had to relearn her hydration levels.",
            "Protein percentage on a bag says little about how a dough will handle.",
        ],
        "Lessons on Flour",
        [
            ("Test every new flour lot", "A small trial batch avoids a day of failed bread."),
            ("Add water gradually", "Hold back some water until you know how thirsty a flour is."),
        ],
    ),
    (
        "Gluten, Digestion and Health Claims",
        [
            "Long fermentation breaks down some gluten and FODMAPs, which may help some people with sensitivities.",
            "Sourdough is not safe for people with coeliac disease, however long it ferments.",
            "Lukas is wary of health claims that go beyond what small studies show.",
            "The lower glycaemic response of sourdough is real but modest.",
        ],
        "Lessons on Health Claims",
        [
            ("Don't overpromise", "Describe sourdough's benefits accurately or you lose customers' trust."),
            ("Label clearly", "Tell customers plainly that sourdough contains gluten."),
        ],
    ),
    (
        "The Global Starter Study",
        [
            "Lukas's lab analysed more than 500 starters sent in by bakers from around the world.",
            "Geography explained surprisingly little of the difference between starters.",
            "Bakers' hands carry microbes that also appear in their starters.",
            "Some rare species appeared in only a handful of starters and gave unusual aromas.",
        ],
        "Lessons from the Study",
        [
            (
                "Your habits shape your starter",
                "How you feed and handle a starter matters more than where you live.",
            ),
            (
                "Share data, not just bread",
                "Citizen science gave the lab a dataset no single bakery could provide.",
            ),
        ],
    ),
    (
        "Myths about San Francisco Sourdough",
        [
            "The bacterium named after San Francisco is found in starters on every continent.",
            "The city's fog and climate are not what make its bread distinctive.",
            "Local baking traditions and flour explain more of the famous flavour.",
        ],
        "Lessons on Origin Myths",
        [
            ("Question romantic stories", "A good story sells bread but should not drive your process."),
            ("Focus on technique", "Technique travels; climate myths do not."),
        ],
    ),
    (
        "Old Starters and Heritage Claims",
        [
            "Maya was once offered a starter said to be 150 years old.",
            "Lukas explains that the microbes in any starter are replaced within weeks of regular feeding.",
            "What survives is the baker's routine, not the original organisms.",
            "An old starter is a nice heirloom but not a better leaven.",
        ],
        "Lessons on Heritage",
        [
            ("Value the routine", "The routine passed down with a starter is the real inheritance."),
            ("Start fresh without guilt", "A new starter will be just as good within a couple of weeks."),
        ],
    ),
    (
        "Shaping, Proofing and Reading the Dough",
        [
            "Surface tension from shaping determines how a loaf opens in the oven.",
            "Under-proofed dough tears unpredictably; over-proofed dough spreads and flattens.",
            "The poke test is useful but depends on hydration and flour.",
            "Maya trains apprentices to judge proof by feel before they are allowed to use timers.",
        ],
        "Lessons on Shaping and Proofing",
        [
            (
                "Shape with confidence",
                "Quick, decisive shaping builds better tension than slow, careful handling.",
            ),
            ("Learn the feel of a ready dough", "Timers help, but your hands should make the final call."),
        ],
    ),
    (
        "The Oven and the Bake",
        [
            "Steam in the first minutes keeps the crust soft so the loaf can expand.",
            "A deck oven's stone stores heat and gives a stronger bottom crust than a convection oven.",
            "Maya bakes darker than most bakeries because the crust carries much of the flavour.",
            "Home bakers can imitate a deck oven with a preheated cast-iron pot.",
        ],
        "Lessons on Baking",
        [
            (
                "Bake darker than you think",
                "A well-caramelised crust tastes better and keeps the loaf fresh longer.",
            ),
            ("Trap the steam", "A covered pot for the first twenty minutes gives home loaves a better rise."),
        ],
    ),
    (
        "Money: Pricing a Loaf",
        [
            "A loaf at Rise & Rye takes about 36 hours from feeding to shelf.",
            "Labour, not flour, is the largest cost in a loaf of sourdough.",
            "Maya raised prices twice in two years and lost almost no regular customers.",
            "Pastries and coffee earn roughly twice the margin of bread.",
        ],
        "Lessons on Pricing",
        [
            (
                "Cost your labour honestly",
                "Include every hour of mixing, shaping and baking in the price of a loaf.",
            ),
            (
                "Explain your prices",
                "Customers accept higher prices when they understand the work behind them.",
            ),
        ],
    ),
    (
        "Staff, Schedules and Burnout",
        [
            "Bakery shifts traditionally start at 3 a.m., which drives skilled people out of the trade.",
            "Maya moved most shaping to the afternoon by using overnight cold proofing.",
            "Staff turnover fell by more than half after the schedule change.",
            "Four-day weeks proved cheaper than constantly hiring and training new bakers.",
        ],
        "Lessons on People",
        [
            (
                "Design the process around people",
                "Fermentation schedules can be shifted to give staff humane hours.",
            ),
            (
                "Count the cost of turnover",
                "Training a new baker costs more than keeping an experienced one.",
            ),
        ],
    ),
    (
        "Wholesale versus Retail",
        [
            "Restaurant accounts buy predictable volumes but expect lower prices.",
            "Retail sales vary with weather, holidays and school terms.",
            "Maya keeps wholesale under a third of production so it never dictates the menu.",
        ],
        "Lessons on Sales Channels",
        [
            ("Balance your channels", "Wholesale steadies demand, retail protects your margins."),
            ("Keep control of your menu", "Do not let one large customer decide what you bake."),
        ],
    ),
    (
        "Waste and Selling Out",
        [
            "Selling out by noon meant customers who came later stopped coming at all.",
            "Maya now plans for a small surplus and donates leftovers to a shelter.",
            "Day-old bread becomes croutons and bread pudding, which sell well.",
            "Tracking sales by hour revealed when each product actually sold.",
        ],
        "Lessons on Waste",
        [
            (
                "Plan for a small surplus",
                "Empty shelves lose customers; a little leftover bread is cheap insurance.",
            ),
            ("Turn leftovers into products", "Day-old bread can earn money instead of being thrown away."),
        ],
    ),
    (
        "Teaching Classes",
        [
            "Weekend sourdough classes sell out months in advance.",
            "Students who took a class return as customers far more often than others.",
            "Teaching forced Maya to explain steps she had done by instinct for years.",
        ],
        "Lessons from Teaching",
        [
            ("Teaching sharpens your craft", "Explaining a step reveals whether you truly understand it."),
            ("Classes build loyalty", "People who learn from you become your most loyal customers."),
        ],
    ),
    (
        "Sharing Starter with the Community",
        [
            "Rise & Rye gives away jars of starter to anyone who asks.",
            "Some customers now bring back bread they baked to show Maya.",
            "Lukas notes that shared starters quickly adapt to each new kitchen.",
        ],
        "Lessons on Generosity",
        [
            ("Give away what costs you little", "Starter is nearly free to share and builds real goodwill."),
            ("Expect starters to change", "A shared starter becomes the new owner's starter within weeks."),
        ],
    ),
    (
        "Measuring at Home",
        [
            "A notebook with time, temperature and results is the best tool a home baker can own.",
            "pH strips are cheap and show when a starter is ready more reliably than smell.",
            "Photographing crumb and crust makes changes easier to compare.",
            "Lukas recommends changing only one variable per bake.",
        ],
        "Lessons on Home Experiments",
        [
            ("Change one thing at a time", "Only then can you tell what made the difference."),
            ("Keep a baking log", "Notes turn a lucky loaf into a repeatable one."),
        ],
    ),
    (
        "Commercial Yeast and Purism",
        [
            "Some bakeries hide small amounts of commercial yeast in their sourdough.",
            "Maya thinks hybrid breads are fine as long as they are labelled honestly.",
            "Lukas points out that commercial yeast is itself a domesticated wild yeast.",
        ],
        "Lessons on Purism",
        [
            (
                "Be honest about your methods",
                "Labelling a hybrid loaf correctly protects the trust of your customers.",
            ),
            ("Judge bread by taste", "What matters is how the bread eats, not ideological purity."),
        ],
    ),
    (
        "Grain, Farmers and Regional Economies",
        [
            "Small regional mills are reopening after decades of consolidation.",
            "Buying grain directly lets farmers grow varieties chosen for flavour rather than yield.",
            "Maya pays more for local flour but markets it on every label.",
            "A regional grain network helps farmers, millers and bakers share risk.",
        ],
        "Lessons on Sourcing",
        [
            ("Invest in your supply chain", "Paying fairly for good grain secures the flour you depend on."),
            ("Tell the sourcing story", "Customers value knowing where their flour comes from."),
        ],
    ),
    (
        "Climate and the Wheat of the Future",
        [
            "Hotter, drier summers are already changing which wheat grows well in the region.",
            "Older varieties sometimes cope better with drought than modern ones.",
            "Bakers will have to adapt recipes as grain characteristics change.",
        ],
        "Lessons on Adaptation",
        [
            ("Expect your flour to change", "Build flexibility into recipes instead of fixed numbers."),
            ("Support crop diversity", "Buying from diverse varieties keeps options open for the future."),
        ],
    ),
    (
        "Mistakes and What They Taught",
        [
            "Maya once lost a week of production when a new flour fermented twice as fast as expected.",
            "An early expansion to a second shop nearly bankrupted the business.",
            "Closing the second shop let her focus on quality again.",
        ],
        "Lessons from Failure",
        [
            ("Scale slowly", "Grow only when the first shop runs without you."),
            ("Cut losses early", "Closing a failing venture can save the one that works."),
        ],
    ),
    (
        "Closing Thoughts and Advice for Listeners",
        [
            "Both guests agree that curiosity matters more than any recipe.",
            "Lukas invites listeners to send in starters for the next round of the study.",
            "Maya's advice for beginners is to bake the same loaf every week for three months.",
            "The host thanks both guests and previews next week's episode on fermented vegetables.",
        ],
        "Final Lessons for Bakers",
        [
            (
                "Repeat before you improvise",
                "Mastering one loaf teaches more than trying a new recipe every week.",
            ),
            ("Stay curious", "Asking why a loaf turned out as it did is how bakers improve."),
        ],
    ),
]

CHAPTERS = [
    ("Welcome and introductions", 0),
    ("Inside a starter", 270),
    ("Temperature, acids and flavour", 810),
    ("Flour and health", 1350),
    ("Myths and old starters", 2160),
    ("Shaping and baking", 2700),
    ("The business of bread", 3510),
    ("Community and teaching", 4320),
    ("Sourcing and the future of grain", 5400),
    ("Closing thoughts", 6210),
]


def _section(
    index: int, heading: str, ideas: list[str], lessons_heading: str, lessons: list
) -> InDepthSection:
    start = index * SECTION_SECONDS
    return InDepthSection(
        start_seconds=start,
        end_seconds=start + SECTION_SECONDS,
        heading=heading,
        key_ideas=list(ideas),
        lessons_heading=lessons_heading,
        lessons=[Lesson(title=t, explanation=e) for t, e in lessons],
    )


def _sections() -> list[InDepthSection]:
    return [_section(index, *row) for index, row in enumerate(IN_DEPTH)]


def _grown_sections(count: int, chars_per_section: int) -> list[InDepthSection]:
    """count parts, each merging consecutive rows of IN_DEPTH until it holds about chars_per_section."""
    sections = []
    row = 0
    for index in range(count):
        heading, ideas, lessons_heading, lessons = IN_DEPTH[row % len(IN_DEPTH)]
        ideas, lessons = list(ideas), list(lessons)
        size = (
            len(heading)
            + len(lessons_heading)
            + sum(map(len, ideas))
            + sum(len(t) + len(e) for t, e in lessons)
        )
        while size < chars_per_section:
            row += 1
            _, more_ideas, _, more_lessons = IN_DEPTH[row % len(IN_DEPTH)]
            ideas += more_ideas
            lessons += more_lessons
            size += sum(map(len, more_ideas)) + sum(len(t) + len(e) for t, e in more_lessons)
        row += 1
        sections.append(_section(index, heading, ideas, lessons_heading, lessons))
    return sections


def sample_summary(**overrides: Any) -> Summary:
    """A complete, realistic summary; keyword arguments replace any top-level field."""
    sections = _sections()
    fields: dict[str, Any] = {
        "episode_id": "ep-3f9a1c2b7d",
        "feed_id": "feed-8e2d41aa",
        "podcast_title": "The Workshop Hour",
        "episode_title": "Sourdough, Science and the Business of Bread with Maya Okafor and Dr. Lukas Brenner",
        "episode_url": "https://workshophour.example.com/episodes/112-sourdough",
        "audio_url": "https://media.example.com/workshop-hour/112-sourdough.mp3",
        "language": "en",
        "duration_seconds": sections[-1].end_seconds,
        "quick_takes": ClickbaitVerdict(
            is_clickbait=False,
            verdict=(
                "Our analysis suggests that the Podcast Episode is not clickbait. It covers the microbiology of "
                "sourdough starters and the realities of running a bakery, as the title promises."
            ),
            promises=[
                PromiseCheck(
                    promise="Explains what lives in a sourdough starter", delivered=True, where_seconds=270
                ),
                PromiseCheck(
                    promise="Covers the business side of a bakery", delivered=True, where_seconds=3510
                ),
                PromiseCheck(promise="Shares a recipe for the bakery's signature loaf", delivered=False),
            ],
        ),
        "one_sentence_summary": (
            "Baker Maya Okafor and microbiologist Dr. Lukas Brenner explain how the microbes in a sourdough "
            "starter shape flavour and reliability, and what ten years of running a bakery taught Maya about "
            "pricing, staff and community, which matters to anyone who bakes or sells bread."
        ),
        "favorite_quote": Quote(
            text="The starter is not the secret. The secret is doing the same boring thing every single day.",
            speaker="Maya Okafor",
            start_seconds=2291.4,
            verified=True,
        ),
        "tldr": (
            "A sourdough starter is a stable ecosystem of yeasts and bacteria shaped mostly by flour, temperature "
            "and the baker's routine, not by its age or its city of origin. Temperature and hydration steer "
            "flavour between mild and tangy. Running a bakery means pricing labour honestly, designing humane "
            "schedules, balancing wholesale and retail, and building a community through classes and shared "
            "starter. Regional grain and a changing climate will reshape the bread of the future."
        ),
        "key_ideas": [KeyIdeaGroup(heading=h, ideas=list(ideas)) for h, ideas in KEY_IDEAS],
        "lessons": [Lesson(title=t, explanation=e) for t, e in LESSONS],
        "conclusion": (
            "Good bread comes from understanding fermentation as a living process and controlling the few "
            "things that matter: temperature, flour and routine. A bakery survives on honest prices and a "
            "team that can keep humane hours, and it thrives by teaching and sharing with its community. "
            "Curiosity and repetition, more than secret recipes or old starters, make better bakers."
        ),
        "in_depth": sections,
        "chapters": [Chapter(start_seconds=s, title=t) for t, s in CHAPTERS],
        "provenance": Provenance(
            transcript_source="publisher transcript (vtt)",
            summarizer="llm",
            model="gpt-4o-mini",
            input_tokens=41_230,
            output_tokens=6_874,
            model_calls=26,
            cost_usd=0.0103,
            transcription_cost_usd=0.0,
            created_at=datetime(2026, 11, 28, 0, 41, tzinfo=UTC),
        ),
    }
    fields.update(overrides)
    return Summary(**fields)


def in_depth_chars(summary: Summary) -> int:
    """How much In-Depth text a summary carries (headings, ideas, lessons), in characters."""
    total = 0
    for section in summary.in_depth:
        total += len(section.heading) + len(section.lessons_heading)
        total += sum(len(idea) for idea in section.key_ideas)
        total += sum(len(lesson.title) + len(lesson.explanation) for lesson in section.lessons)
    return total


def sized_summary(in_depth_chars_wanted: int = 85_000, parts: int = 43, **overrides: Any) -> Summary:
    """sample_summary() with `parts` In-Depth parts carrying at least in_depth_chars_wanted characters.

    The defaults match reference/sample-summary.txt: a 3h13m episode, about 85 KB of In-Depth text.
    """
    sections = _grown_sections(parts, in_depth_chars_wanted // parts + 1)
    fields: dict[str, Any] = {"in_depth": sections, "duration_seconds": sections[-1].end_seconds}
    fields.update(overrides)
    return sample_summary(**fields)


def _lesson_from_line(line: str) -> Lesson:
    body = line[2:].strip()
    for separator in (": ", " - "):
        title, found, explanation = body.partition(separator)
        if found and len(title) <= 150:
            return Lesson(title=title.strip(), explanation=explanation.strip())
    return Lesson(title="", explanation=body)


def _sections_of(lines: list[str]) -> list[tuple[str, list[str]]]:
    sections: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("- "):
            sections[-1][1].append(line)
        elif line.strip():
            sections.append((line.strip(), []))
    return sections


def summary_from_reference_text(text: str, duration_seconds: float = 3 * 3600 + 13 * 60) -> Summary:
    """A Summary read back from a text summary in the house layout (reference/sample-summary.txt).

    The reference has no timestamps: In-Depth parts are spread evenly over duration_seconds.
    Where it has more lesson parts than idea parts (or the reverse), the extra ones stand alone.
    """
    lines = [line.rstrip() for line in text.splitlines()]

    def after(heading: str) -> int:
        return lines.index(heading) + 1

    groups: list[KeyIdeaGroup] = []
    for line in lines[after("💡 Key Ideas") : lines.index("🎓 Lessons Learnt")]:
        if line == "-":
            continue
        if line.startswith("- "):
            groups[-1].ideas.append(line[2:])
        elif line:
            groups.append(KeyIdeaGroup(heading=line, ideas=[]))
    idea_parts = _sections_of(lines[after("All Key Ideas") : lines.index("All Lessons Learnt")])
    lesson_parts = _sections_of(lines[after("All Lessons Learnt") :])
    count = max(len(idea_parts), len(lesson_parts))
    step = duration_seconds / count
    sections = []
    for index in range(count):
        heading, ideas = idea_parts[index] if index < len(idea_parts) else (lesson_parts[index][0], [])
        lessons_heading, lessons = lesson_parts[index] if index < len(lesson_parts) else (heading, [])
        sections.append(
            InDepthSection(
                start_seconds=round(index * step),
                end_seconds=round((index + 1) * step),
                heading=heading,
                key_ideas=[idea[2:] for idea in ideas],
                lessons_heading=lessons_heading,
                lessons=[_lesson_from_line(line) for line in lessons],
            )
        )
    verdict = lines[after("☀️ Quick Takes")]
    return Summary(
        episode_id="ep-reference",
        feed_id="feed-reference",
        duration_seconds=duration_seconds,
        quick_takes=ClickbaitVerdict(is_clickbait="not clickbait" not in verdict, verdict=verdict),
        one_sentence_summary=lines[after("1-Sentence-Summary")],
        favorite_quote=Quote(text=lines[after("Favorite Quote from the Author")], verified=True),
        tldr=lines[after("💨 tl;dr")],
        key_ideas=groups,
        lessons=[
            _lesson_from_line(line)
            for line in lines[after("🎓 Lessons Learnt") : lines.index("🌚 Conclusion")]
            if line.startswith("- ")
        ],
        conclusion=lines[after("🌚 Conclusion")],
        in_depth=sections,
        provenance=Provenance(transcript_source="reference sample", summarizer="llm"),
    )
