"""The pages in a real browser: Debian's chromium driven by Playwright (its system binary).

Playwright's own browser download cannot work on these machines, so the tests launch the
`chromium` that deploy/install_browser.sh installs (.ci/run calls it). Without chromium they
skip locally, but fail under CI=true: there they must run. Screenshots go to
tests/artifacts/ (ignored by git) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
KILLED = "killed|palestinians|*|since ceasefire"
HOSTILE = "killed|people|testville|2025-11-18"


def _chromium() -> str:
    found = os.environ.get("CLAIMWATCH_CHROMIUM") or shutil.which("chromium")
    if found:
        return found
    reason = "chromium is not installed: run deploy/install_browser.sh (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run in CI, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extra")
    with sync_api.sync_playwright() as p:
        # Root in CI: chromium's sandbox needs user namespaces it may not get there.
        launched = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser, demo_site) -> Iterator[object]:
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=demo_site.base)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    dialogs: list[str] = []
    opened.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield opened
    context.close()
    assert not dialogs, f"a page opened a dialog: {dialogs}"


def shoot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_filter_claims_then_open_one(page) -> None:
    page.goto("/claims")
    rows = page.locator("table.claims tbody tr")
    assert rows.count() == 15  # the demo's 14 keys and the hostile feed's one
    shoot(page, "claims")

    page.select_option("select[name=metric]", "killed")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"metric=killed"))
    metrics = page.locator("table.claims tbody tr td:first-child").all_inner_texts()
    assert metrics and set(metrics) == {"killed"}
    shoot(page, "claims-killed")

    page.get_by_role("link", name="palestinians", exact=True).click()
    page.wait_for_url("**/claims/" + quote(KILLED, safe=""))
    series = page.locator("svg.timeline g.series")
    sources = [series.nth(i).get_attribute("data-source") for i in range(series.count())]
    # One per source; Wire Service's is the demo's rewrite of the 420 toll.
    assert sources == ["Daily Courier", "Gaza Monitor", "Regional Times", "Wire Service"]
    listed = page.locator("table.sources tbody td:first-child").all_inner_texts()
    assert sorted(listed) == sources
    assert page.locator("g.series[data-source='Gaza Monitor'] a.point").count() == 3
    shoot(page, "claim")

    # A point leads to its history row: the quote, with the figure marked, and the link.
    page.locator("g.series[data-source='Daily Courier'] a.point").first.click()
    page.wait_for_url(re.compile(r"#claim-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    row = page.locator(f"tr#{anchor}")
    assert row.is_visible()
    assert "at least 380" in row.locator("td.figure").inner_text()
    assert row.locator("mark").inner_text() == "At least 380"  # as the quote has it
    link = row.locator("a[href^='https://dailycourier.example/']")
    assert link.count() == 1 and "380" in link.inner_text()
    assert "noreferrer" in (link.get_attribute("rel") or "")
    shoot(page, "claim-point-clicked")


def test_correction_is_marked(page) -> None:
    page.goto("/claims/" + quote(KILLED, safe=""))
    corrected = page.locator("table.history tr.corrected")
    assert corrected.count() == 1
    assert "correction" in corrected.inner_text() and "at least 412" in corrected.inner_text()


def test_hostile_title_renders_as_text(page) -> None:
    page.goto("/claims/" + quote(HOSTILE, safe=""))
    title = page.locator("table.history .title").first.inner_text()
    assert title.startswith('<script>document.title="pwned"</script><img src=x onerror=')
    assert page.title() != "pwned"
    assert page.locator("main img").count() == 0
    assert page.locator("script").count() == 0
    assert page.locator("table.sources td").first.inner_text() == "Hostile <b>Wire</b>"
    shoot(page, "hostile")


def test_alerts_and_feeds_pages(page) -> None:
    page.goto("/alerts")
    first = page.locator("li.alert").first
    assert first.locator(".badge.delivery-delivered").count() >= 1
    assert "→" in first.locator(".oldnew").inner_text()
    shoot(page, "alerts")
    page.goto("/feeds")
    assert page.locator("table.feeds tbody tr").count() == 5
    assert page.locator("table.feeds .badge.status-ok").count() == 5
    shoot(page, "feeds")
