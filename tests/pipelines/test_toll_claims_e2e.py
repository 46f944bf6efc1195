"""A shooting report through `claimwatch run --once`: its claims carry the article's toll."""

import json
from pathlib import Path

from factories import claimwatch, jsonl_lines

ITEM = """<item>
<title>{title}</title>
<link>https://metro.example/{slug}</link>
<guid isPermaLink="true">https://metro.example/{slug}</guid>
<pubDate>{date}</pubDate>
<description>{lead}</description>
<content:encoded><![CDATA[<p>{lead}</p><p>{rest}</p>]]></content:encoded>
</item>"""
FIRST = {
    "title": "Man killed, two hurt in Elm Street shooting",
    "slug": "elm-street-shooting",
    "date": "Sat, 15 Nov 2025 22:00:00 GMT",
    "lead": "A man was shot and killed Saturday night on Elm Street, police said.",
    "rest": "Two other people were wounded and taken to a hospital.",
}
SECOND = {
    "title": "Second victim dies after Elm Street shooting",
    "slug": "elm-street-second-victim",
    "date": "Sat, 15 Nov 2025 23:40:00 GMT",
    "lead": (
        "A woman who was wounded in a shooting on Elm Street on Saturday night has died, "
        "police said, bringing the death toll to two."
    ),
    "rest": "Detectives asked witnesses to come forward.",
}


def test_shooting_claims_carry_the_toll_and_its_update_alerts(tmp_path: Path) -> None:
    items = "\n".join(ITEM.format(**item) for item in (FIRST, SECOND))
    feed = tmp_path / "metro.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Metro News</title><link>https://metro.example/</link>{items}</channel></rss>",
        encoding="utf-8",
    )
    config = tmp_path / "feeds.yaml"
    config.write_text(
        f"feeds:\n  - url: {feed}\n    source: Metro News\n    fetch_pages: false\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    run = claimwatch("run", "--once", "--config", str(config), "--data-dir", str(data))
    assert run.returncode == 0, run.stderr
    done = claimwatch("claims", "--history", "--data-dir", str(data), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    claims = [
        c for c in jsonl_lines(done.stdout) if c["key"].split("|")[0] in ("killed", "injured")
    ]
    first = {c["key"]: c for c in claims if c["url"].endswith("/elm-street-shooting")}
    # one claim per metric, the toll's values, not "two" read as killed from "two hurt"
    assert {k: c["value"] for k, c in first.items()} == {
        "killed|people|*|2025-11-15": 1,
        "injured|people|*|2025-11-15": 2,
    }
    killed = first["killed|people|*|2025-11-15"]
    assert killed["quote"].startswith("A man was shot and killed")
    alerts = jsonl_lines(claimwatch("alerts", "--data-dir", str(data), "--format", "jsonl").stdout)
    moves = {
        (
            a["claim_key"],
            a["change"],
            a["previous"]["value"] if a["previous"] else None,
            a["current"]["value"],
        )
        for a in alerts
    }
    assert ("killed|people|*|2025-11-15", "increase", 1, 2) in moves
    assert json.dumps(alerts).count("injured|people|*|2025-11-15") >= 1
