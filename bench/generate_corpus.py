"""Deterministic news-like load for the benchmarks: RSS feeds, a JSONL of articles, HTML pages.

    seed ─▶ stories (metric, subject, place; a value that rises, is revised, is disputed)
         ─▶ originals (several figures + distractor numbers per article, varied templates)
         ─▶ + exact re-posts under ?utm_source=… (dup rate) + syndicated copies (new byline
           and footer, another source; syndication rate)
         ─▶ out/feeds/<source>.xml   RSS 2.0 with full text in content:encoded
            out/articles.jsonl       Article dicts (article_to_dict), as the feeds would yield
            out/gold.jsonl           per article: the tracked figures the text states
            out/pages/*.html         the first --html N articles as full web pages
            out/config.yaml          a claimwatch config listing the feeds (fetch_pages off)

    python bench/generate_corpus.py --out /tmp/corpus --articles 1000 --sources 8 --seed 1
    python bench/generate_corpus.py --out /tmp/real --replay ~/articles   # .txt / .html files

The same seed and options give byte-identical output.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from claimwatch.transforms.articles import build_article, html_to_text
from claimwatch.transforms.models import Article, FeedEntry
from claimwatch.transforms.records import article_to_dict

START = datetime(2025, 11, 1, 6, 0, tzinfo=timezone.utc)

SOURCE_NAMES = (
    "Gaza Monitor",
    "Wire Service",
    "Daily Courier",
    "Regional Times",
    "Evening Herald",
    "Frontline Post",
    "Capital Tribune",
    "Coastal Chronicle",
    "Northern Ledger",
    "Global Dispatch",
    "Morning Star Gazette",
    "Harbour News",
    "Desert Observer",
    "Metro Record",
    "Valley Sentinel",
    "Border Report",
)
PLACES = (
    "Gaza",
    "Khan Younis",
    "Rafah",
    "Khartoum",
    "El Fasher",
    "Darfur",
    "Kharkiv",
    "Donetsk",
    "Zaporizhzhia",
    "Aleppo",
    "Idlib",
    "Marib",
    "Goma",
    "Port-au-Prince",
    "Mosul",
    "Tigray",
)
AUTHORITIES = (
    "the health ministry",
    "local officials",
    "the civil defence agency",
    "the United Nations",
    "a hospital director",
    "the interior ministry",
    "the Red Crescent",
    "emergency services",
    "the regional governor",
    "aid agencies",
    "a military spokesperson",
    "the World Health Organization",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
COUNTRIES = ("Indonesia", "Pakistan", "Azerbaijan", "Egypt", "Italy", "France", "Turkey", "Jordan")
DONORS = (
    "the European Union",
    "the World Bank",
    "Japan",
    "Germany",
    "Saudi Arabia",
    "Qatar",
    "the United Kingdom",
    "Canada",
)
NUMBER_WORDS = {
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    20: "twenty",
}

FILLER = (
    "Residents described a night of heavy shelling and said many families had nowhere safe to go.",
    "The claims could not be verified independently, and access for journalists is restricted.",
    "Negotiators are expected to meet again later this week, diplomats said.",
    "Hospitals in the area are running short of fuel, medicine and clean water, doctors said.",
    "The fighting has forced schools to close and cut electricity to large parts of the city.",
    "Officials urged both sides to respect the terms of the agreement and protect civilians.",
    "Witnesses said ambulances struggled to reach the site because roads had been damaged.",
    "Aid workers warned that conditions in the camps were deteriorating as winter approached.",
    "The government has not commented on the report, which it has disputed in the past.",
    "Analysts said the talks were unlikely to produce a breakthrough before the end of the month.",
    "Local radio broadcast appeals for blood donors throughout the morning.",
    "A spokesperson said investigators were examining footage circulated on social media.",
    "Markets in the centre of the town reopened briefly before sirens sounded again.",
    "Engineers have begun clearing rubble from the main road leading to the hospital.",
)
DISTRACTORS = (
    "The agreement took effect on {day} {month} {year}.",
    "Among the dead was a {child}-year-old boy, relatives said.",
    "His father, {age}, said the family had returned home on {day} {month}.",
    "Israel's Channel {channel} reported that officials had been briefed on the plan.",
    "The council adopted Resolution {resolution} in {year}, setting out the framework.",
    "The statement was posted at {hour} pm local time and shared {shares} times within an hour.",
    "The conflict began in {year}, and talks resumed in {month}.",
    "A {age}-year-old woman told reporters she had lived in the neighbourhood since {year}.",
)
FOOTERS = (
    "This article was originally published by {origin} and is republished with permission.",
    "Distributed by {origin}. All rights reserved.",
    "Reporting by {origin}; editing by the {source} desk.",
)

# Each metric: templates given (qualified number text, place, authority); {n} is the phrase.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "killed": (
        "{n} people have been killed in {place} since the ceasefire began, {auth} said on {wd}.",
        "The death toll in {place} rose to {n}, {auth} said.",
        "{Auth} said {n} civilians were killed in strikes on {place} on {wd}.",
        "At a briefing on {wd}, {auth} put the number of dead in {place} at {n}.",
    ),
    "injured": (
        "{n} people were injured in {place}, {auth} said.",
        "{Auth} said {n} others were wounded in {place} during the week.",
        "Hospitals in {place} have treated {n} injured people since {wd}, {auth} said.",
    ),
    "hostages": (
        "{Auth} said {n} hostages were still held in {place}.",
        "Negotiators believe {n} hostages remain in captivity near {place}.",
    ),
    "troops": (
        "{country} will deploy {n} troops to {place}, {auth} said.",
        "{country} has pledged {n} troops for the stabilisation force in {place}.",
    ),
    "aid": (
        "{n} trucks of aid entered {place} on {wd}, {auth} said.",
        "{Auth} said {n} trucks carrying food and medicine reached {place}.",
    ),
    "money": (
        "{donor} pledged {n} in emergency assistance for {place}, {auth} said.",
        "{Auth} said {donor} had committed {n} to rebuild hospitals in {place}.",
    ),
    "displaced": (
        "{n} people have been displaced from their homes in {place}, {auth} said.",
        "{Auth} estimates that {n} people fled {place} in the past month.",
    ),
}
BASE = {
    "killed": (20, 4000),
    "injured": (50, 9000),
    "hostages": (5, 60),
    "troops": (100, 5000),
    "aid": (20, 600),
    "money": (1, 900),
    "displaced": (1000, 900000),
}


@dataclass
class Story:
    """One claim key that evolves: the value each source last gave, rising over time."""

    metric: str
    place: str
    value: float
    authority: str
    country: str
    donor: str
    per_source: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class GoldFigure:
    metric: str
    value: float | None
    low: float | None
    high: float | None
    text: str


def _number_text(rng: random.Random, metric: str, value: float) -> tuple[str, GoldFigure]:
    """A qualified number phrase as news writes it, and what it means."""
    v = int(value)
    if metric == "money":
        if rng.random() < 0.5:
            text = f"${v} million"
            return text, GoldFigure(metric, v * 1e6, None, None, text)
        text = f"€{v / 10:.1f} billion" if v >= 10 else f"${v} million"
        real = round(v / 10, 1) * 1e9 if v >= 10 else v * 1e6
        return text, GoldFigure(metric, real, None, None, text)
    form = rng.random()
    shown = f"{v:,}"
    if v in NUMBER_WORDS and form < 0.5:
        return NUMBER_WORDS[v], GoldFigure(metric, v, None, None, NUMBER_WORDS[v])
    if form < 0.25:
        text = f"at least {shown}"
        return text, GoldFigure(metric, None, v, None, text)
    if form < 0.4:
        text = f"more than {shown}"
        return text, GoldFigure(metric, None, v, None, text)
    if form < 0.5:
        text = f"about {shown}"
        return text, GoldFigure(metric, v, None, None, text)
    if form < 0.6 and v > 20:
        low = int(v * 0.9)
        text = f"between {low:,} and {shown}"
        return text, GoldFigure(metric, None, low, v, text)
    if form < 0.75 and metric == "troops":
        text = f"up to {shown}"
        return text, GoldFigure(metric, None, None, v, text)
    return shown, GoldFigure(metric, v, None, None, shown)


def _distractor(rng: random.Random) -> str:
    return rng.choice(DISTRACTORS).format(
        day=rng.randint(1, 28),
        month=rng.choice(MONTHS),
        year=rng.randint(1990, 2025),
        age=rng.randint(19, 89),
        child=rng.randint(3, 16),
        channel=rng.choice((12, 13, 14)),
        resolution=rng.randint(2000, 2900),
        hour=rng.randint(1, 11),
        shares=f"{rng.randint(1000, 90000):,}",
    )


def _advance(rng: random.Random, story: Story, source: str) -> float:
    """The value this source reports now: usually the story's rising figure; sometimes a
    lagging or disputed one, sometimes a downward revision."""
    roll = rng.random()
    if roll < 0.6:
        story.value = story.value * (1 + rng.uniform(0.01, 0.08)) + rng.randint(1, 5)
    elif roll < 0.7:
        story.value = max(1.0, story.value * rng.uniform(0.95, 0.99))  # a correction
    value = story.value
    if rng.random() < 0.15:
        value = max(1.0, value * rng.uniform(0.85, 0.97))  # a source with another count
    story.per_source[source] = value
    return value


def _article_text(
    rng: random.Random, stories: list[Story], source: str
) -> tuple[str, list[GoldFigure]]:
    paragraphs: list[str] = []
    gold: list[GoldFigure] = []
    for story in stories:
        phrase, fig = _number_text(rng, story.metric, _advance(rng, story, source))
        template = rng.choice(TEMPLATES[story.metric])
        sentence = template.format(
            n=phrase,
            place=story.place,
            auth=story.authority,
            Auth=story.authority[0].upper() + story.authority[1:],
            wd=rng.choice(WEEKDAYS),
            country=story.country,
            donor=story.donor,
        )
        sentence = sentence[0].upper() + sentence[1:]
        gold.append(fig)
        extra = rng.sample(FILLER, 2)
        paragraphs.append(" ".join([sentence, *extra]))
        if rng.random() < 0.6:
            paragraphs.append(_distractor(rng) + " " + rng.choice(FILLER))
    rest = paragraphs[1:]
    rng.shuffle(rest)
    paragraphs = [paragraphs[0], *rest]
    paragraphs.append(" ".join(rng.sample(FILLER, 3)))
    return "\n\n".join(paragraphs), gold


@dataclass(frozen=True, slots=True)
class Item:
    """One feed item: what the RSS carries, and the gold figures of its text."""

    source: str
    url: str
    guid: str
    title: str
    author: str
    published: datetime
    paragraphs: tuple[str, ...]
    gold: tuple[GoldFigure, ...]
    kind: str  # "original" | "repost" | "syndicated"


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:60]


def _host(source: str) -> str:
    return _slug(source).replace("-", "") + ".example"


def generate(
    *,
    articles: int,
    sources: int,
    seed: int,
    dup_rate: float = 0.05,
    syndication_rate: float = 0.1,
    stories: int = 40,
) -> list[Item]:
    """`articles` items in publication order; originals, re-posts and syndicated copies."""
    rng = random.Random(seed)
    names = list(SOURCE_NAMES[: max(1, min(sources, len(SOURCE_NAMES)))])
    pool: list[Story] = []
    for _ in range(stories):
        metric = rng.choice(list(TEMPLATES))
        lo, hi = BASE[metric]
        pool.append(
            Story(
                metric,
                rng.choice(PLACES),
                float(rng.randint(lo, hi)),
                rng.choice(AUTHORITIES),
                rng.choice(COUNTRIES),
                rng.choice(DONORS),
            )
        )
    items: list[Item] = []
    originals: list[Item] = []
    moment = START
    for n in range(articles):
        moment += timedelta(seconds=rng.randint(30, 600))
        roll = rng.random()
        if originals and roll < dup_rate:
            base = rng.choice(originals[-50:])
            sep = "&" if "?" in base.url else "?"
            items.append(
                Item(
                    base.source,
                    f"{base.url}{sep}utm_source=rss&utm_medium=feed&utm_campaign=n{n}",
                    f"{base.guid}#repost-{n}",
                    base.title,
                    base.author,
                    moment,
                    base.paragraphs,
                    base.gold,
                    "repost",
                )
            )
            continue
        if originals and roll < dup_rate + syndication_rate:
            base = rng.choice(originals[-50:])
            source = rng.choice([s for s in names if s != base.source] or names)
            byline = f"By {rng.choice(('Staff', 'A correspondent', 'Our reporter'))} for {source}"
            footer = rng.choice(FOOTERS).format(origin=base.source, source=source)
            url = f"https://{_host(source)}/syndicated/{moment:%Y/%m/%d}/{_slug(base.title)}-{n}"
            items.append(
                Item(
                    source,
                    url,
                    url,
                    base.title,
                    byline,
                    moment,
                    (byline, *base.paragraphs, footer),
                    base.gold,
                    "syndicated",
                )
            )
            continue
        source = rng.choice(names)
        chosen = rng.sample(pool, rng.randint(2, 4))
        text, gold = _article_text(rng, chosen, source)
        lead = chosen[0]
        title = (
            f"{lead.place}: {lead.metric} figure updated as {lead.authority} reports "
            f"{rng.choice(('new', 'revised', 'latest'))} numbers ({n})"
        )
        url = f"https://{_host(source)}/{moment:%Y/%m/%d}/{_slug(title)}"
        item = Item(
            source,
            url,
            url,
            title,
            f"{source} staff",
            moment,
            tuple(text.split("\n\n")),
            tuple(gold),
            "original",
        )
        items.append(item)
        originals.append(item)
    return items


def _entry(item: Item, feed_url: str) -> FeedEntry:
    html = "".join(f"<p>{escape(p)}</p>" for p in item.paragraphs)
    return FeedEntry(
        feed_url=feed_url,
        source=item.source,
        url=item.url,
        title=item.title,
        summary=item.paragraphs[0],
        content=html,
        content_is_html=True,
        published=item.published,
        entry_id=item.guid,
        author=item.author,
    )


def to_article(item: Item, feed_url: str) -> Article:
    """The Article claimwatch's ingest builds from this item (same id, same text)."""
    entry = _entry(item, feed_url)
    assert entry.content is not None
    return build_article(entry, html_to_text(entry.content), fetched=item.published)


def rss(source: str, items: list[Item]) -> str:
    """An RSS 2.0 document with the full text in content:encoded, newest first."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "<channel>",
        f"<title>{xml_escape(source)}</title>",
        f"<link>https://{_host(source)}/</link>",
        f"<description>Benchmark feed for {xml_escape(source)}</description>",
    ]
    for item in sorted(items, key=lambda i: i.published, reverse=True):
        body = "".join(f"<p>{escape(p)}</p>" for p in item.paragraphs)
        out += [
            "<item>",
            f"<title>{xml_escape(item.title)}</title>",
            f"<link>{xml_escape(item.url)}</link>",
            f'<guid isPermaLink="false">{xml_escape(item.guid)}</guid>',
            f"<pubDate>{format_datetime(item.published, usegmt=True)}</pubDate>",
            f"<dc:creator>{xml_escape(item.author)}</dc:creator>",
            f"<description>{xml_escape(item.paragraphs[0])}</description>",
            f"<content:encoded><![CDATA[{body}]]></content:encoded>",
            "</item>",
        ]
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def page(item: Item) -> str:
    """A news web page around the article: navigation, related links, comments, footer."""
    nav = "".join(
        f'<li><a href="/section/{s}">{s.title()}</a></li>'
        for s in ("world", "politics", "business", "sport", "culture", "opinion")
    )
    related = "".join(
        f'<li><a href="/related/{i}">Related story number {i} about the region</a></li>'
        for i in range(8)
    )
    body = "".join(f"<p>{escape(p)}</p>" for p in item.paragraphs)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(item.title)} | {escape(item.source)}</title>"
        f"<meta property='og:title' content='{escape(item.title)}'>"
        f"<meta name='author' content='{escape(item.author)}'>"
        f"<meta property='article:published_time' content='{item.published.isoformat()}'>"
        "<style>body{font-family:serif}</style><script>window.ads=[];</script></head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header><main><article>"
        f"<h1>{escape(item.title)}</h1><p class='byline'>By {escape(item.author)}</p>{body}"
        f"</article><aside><h2>Related</h2><ul>{related}</ul></aside>"
        "<section class='comments'><p>Comments are closed.</p></section></main>"
        f"<footer><p>© 2025 {escape(item.source)}. All rights reserved.</p></footer>"
        "</body></html>"
    )


def write(items: list[Item], out: Path, *, html_pages: int = 0) -> dict[str, int]:
    """Feeds, articles.jsonl, gold.jsonl, config.yaml and pages; returns counts by kind."""
    (out / "feeds").mkdir(parents=True, exist_ok=True)
    by_source: dict[str, list[Item]] = {}
    for item in items:
        by_source.setdefault(item.source, []).append(item)
    feed_paths = {}
    for source, its in sorted(by_source.items()):
        path = (out / "feeds" / f"{_slug(source)}.xml").resolve()
        path.write_text(rss(source, its), encoding="utf-8")
        feed_paths[source] = path
    counts: dict[str, int] = {}
    with (
        (out / "articles.jsonl").open("w", encoding="utf-8") as arts,
        (out / "gold.jsonl").open("w", encoding="utf-8") as gold,
    ):
        for item in items:
            counts[item.kind] = counts.get(item.kind, 0) + 1
            article = to_article(item, str(feed_paths[item.source]))
            arts.write(json.dumps(article_to_dict(article), ensure_ascii=False) + "\n")
            gold.write(
                json.dumps(
                    {
                        "article_id": article.id,
                        "kind": item.kind,
                        "figures": [
                            {
                                "metric": g.metric,
                                "value": g.value,
                                "low": g.low,
                                "high": g.high,
                                "text": g.text,
                            }
                            for g in item.gold
                        ],
                    }
                )
                + "\n"
            )
    if html_pages:
        (out / "pages").mkdir(exist_ok=True)
        for i, item in enumerate(items[:html_pages]):
            (out / "pages" / f"{i:06d}.html").write_text(page(item), encoding="utf-8")
    lines = ["# generated by bench/generate_corpus.py", "feeds:"]
    for source, path in sorted(feed_paths.items()):
        lines += [f"  - url: {path}", f"    source: {source}", "    fetch_pages: false"]
    (out / "config.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return counts


def replay(folder: Path, out: Path) -> list[Item]:
    """Real articles (.txt, .html) as items of one source per sub-folder (or 'Replay').

    Where the folder has a `gold.json` giving each file's outlet and date (the shooting-news
    set does), those are its source (one feed per outlet, as a poll of local news sees it)
    and its publication day, and a .txt file's first line is its title.
    """
    from claimwatch.connectors.pages import extract_text
    from claimwatch.transforms.errors import ExtractionError

    meta_path = folder / "gold.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    items = []
    moment = START
    per_day: dict[str, int] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in (".txt", ".html", ".htm") or not path.is_file():
            continue
        raw = path.read_bytes()
        title = path.stem.replace("_", " ").replace("-", " ")
        known = meta.get(path.relative_to(folder).as_posix())
        if path.suffix.lower() == ".txt":
            text = raw.decode("utf-8", "replace")
            if known:
                title, _, text = text.partition("\n")
        else:
            try:
                extracted = extract_text(raw, f"https://replay.example/{path.name}")
            except ExtractionError as exc:
                print(f"skipped {path}: {exc}")
                continue
            text, title = extracted.text, extracted.title or title
        paragraphs = tuple(p.strip() for p in text.split("\n\n") if p.strip())
        if not paragraphs:
            continue
        parent = path.parent.relative_to(folder).as_posix()
        source = "Replay" if parent == "." else parent.replace("/", " ")
        moment += timedelta(minutes=5)
        if known:
            source, day = known["source"], known["published"]
            per_day[day] = per_day.get(day, 0) + 1
            noon = datetime.fromisoformat(day).replace(hour=12, tzinfo=timezone.utc)
            moment = noon + timedelta(minutes=5 * per_day[day])
        url = f"https://{_host(source)}/{_slug(str(path.relative_to(folder)))}"
        items.append(
            Item(source, url, url, title, f"{source} staff", moment, paragraphs, (), "original")
        )
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stories", type=int, default=40, help="claim keys that evolve")
    parser.add_argument("--dup-rate", type=float, default=0.05, help="tracking-URL re-posts")
    parser.add_argument(
        "--syndication-rate", type=float, default=0.10, help="copies under another byline"
    )
    parser.add_argument("--html", type=int, default=0, help="also write N HTML pages")
    parser.add_argument("--replay", type=Path, help="turn a folder of .txt/.html into a corpus")
    args = parser.parse_args(argv)
    if args.replay:
        items = replay(args.replay, args.out)
    else:
        items = generate(
            articles=args.articles,
            sources=args.sources,
            seed=args.seed,
            dup_rate=args.dup_rate,
            syndication_rate=args.syndication_rate,
            stories=args.stories,
        )
    counts = write(items, args.out, html_pages=args.html)
    print(f"wrote {len(items)} articles to {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
