"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against a real
uvicorn server over a database filled by ingesting the sample reports.

Screenshots of each page go to ``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from truce.accounts import hash_password
from truce.app import Truce
from truce.config import Settings
from truce.serve.app import create_app
from truce.store import accounts

from conftest import ROOT, SAMPLES, report_md, write

playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "test-artifacts"
ANALYST, PASSWORD = "amal", "correct horse battery"

HOSTILE = report_md(
    "<script>window.__pwned = 1</script> Strikes on Khan Younis",
    "Israeli air strikes killed 4 people in Khan Younis on Monday, the Gaza health ministry "
    "said. <script>window.__pwned = 2</script> <img src=x onerror=\"window.__pwned = 3\">\n\n"
    "The Israeli military said it struck Hamas militants who had crossed the yellow line.",
    published="2025-10-27", outlet="Hostile Markup Wire")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


@pytest.fixture(scope="module")
def seeded(pipeline_app: Truce, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Truce]:
    """A database of the sample reports plus one report full of markup, and an analyst."""
    folder = tmp_path_factory.mktemp("dashboard")
    truce = Truce(Settings.resolve(str(folder / "dashboard.db")))
    for name in ("extractor", "actors", "places", "agreements"):
        truce.__dict__[name] = getattr(pipeline_app, name)
    hostile = write(folder / "reports" / "hostile.md", HOSTILE)
    summary = truce.ingest([str(SAMPLES), str(hostile)])
    assert summary.ok and summary.stored > 50
    accounts.add_user(truce.store, ANALYST, hash_password(PASSWORD), "analyst")
    yield truce
    truce.close()


@pytest.fixture(scope="module")
def server(seeded: Truce) -> Iterator[str]:
    """The real app under uvicorn on a free local port, in a thread."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(seeded), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="off")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_sync.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS,
                                          headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server: str):
    """A fresh browser context per test; console errors and page errors are collected."""
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.problems = []
    opened.on("pageerror", lambda error: opened.problems.append(str(error)))
    opened.on("console", lambda message: opened.problems.append(message.text)
              if message.type == "error" else None)
    yield opened
    context.close()


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_dashboard_draws_incidents_on_the_map(page, seeded: Truce) -> None:
    page.goto("/")
    markers = page.locator("#map path.marker")
    markers.first.wait_for()
    page.wait_for_selector("#map[data-outline-loaded=true]")
    located = seeded.store.engine.connect().exec_driver_sql(
        "select count(*) from incidents where lat is not null").scalar_one()
    assert markers.count() == located > 0
    assert page.locator("#map path.outline").count() >= 1
    assert page.locator("svg.timeline rect.bar").count() > 0
    assert page.locator("table.compliance tbody tr").count() > 0
    shoot(page, "dashboard")
    assert page.problems == []  # no script error, no CSP violation

    box = page.locator("#map").bounding_box()
    centre = page.evaluate("""(box) => {
        for (const path of document.querySelectorAll('#map path.marker')) {
            const r = path.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
            if (x > box.x + 60 && x < box.x + box.width - 10 && y > box.y + 10 &&
                y < box.y + box.height - 30 && document.elementFromPoint(x, y) === path) {
                return [x, y];
            }
        }
        return null;
    }""", box)
    assert centre is not None, "no marker is visible on the map"
    page.mouse.click(*centre)
    link = page.locator(".leaflet-popup-content a")
    link.wait_for()
    assert re.fullmatch(r"/incidents/[\w-]+", link.get_attribute("href"))


def test_filters_stay_in_the_url_and_narrow_the_map(page) -> None:
    page.goto("/")
    page.locator("#map path.marker").first.wait_for()
    everything = page.locator("#map path.marker").count()
    page.select_option("select[name=grade]", "single-source")
    page.click(".filters button[type=submit]")
    page.wait_for_url(re.compile(r"grade=single-source"))
    page.wait_for_selector("#map[data-shown]")
    shown = page.locator("#map path.marker")
    assert 0 < shown.count() < everything
    assert shown.count() == page.locator("#map path.marker.grade-single-source").count()
    assert page.locator("select[name=grade]").input_value() == "single-source"
    assert "grade=single-source" in page.locator("a", has_text="compliance over time") \
        .get_attribute("href")


def test_incident_page_puts_every_source_side_by_side(page) -> None:
    page.goto("/")
    page.locator("table.incidents tbody a").first.click()
    page.wait_for_url(re.compile(r"/incidents/"))
    mentions = page.locator("article.mention")
    assert mentions.count() >= 1
    first = mentions.first
    assert first.locator(".source").inner_text().strip()
    assert first.locator(".side").inner_text().strip()
    assert first.locator("blockquote.evidence").inner_text().strip()
    report_link = first.locator("a[href^='/reports/']")
    shoot(page, "incident")
    report_link.click()
    page.wait_for_url(re.compile(r"/reports/\d+#event-\d+"))
    assert page.locator(".report-text mark").count() >= 1
    shoot(page, "report")
    assert page.problems == []


def test_markup_in_a_report_is_shown_as_text(page, seeded: Truce) -> None:
    report_id = seeded.store.engine.connect().exec_driver_sql(
        "select id from reports where outlet = 'Hostile Markup Wire'").scalar_one()
    page.goto(f"/reports/{report_id}")
    text = page.locator(".report-text").inner_text()
    assert "<script>window.__pwned = 2</script>" in text
    assert "onerror=" in text
    assert "<script>" in page.locator("h1").inner_text()
    assert page.locator(".report-text mark").count() >= 1
    assert page.locator(".report-text script, .report-text img, h1 script").count() == 0
    assert page.evaluate("window.__pwned") is None
    shoot(page, "report-with-markup")


def test_review_needs_an_analyst(page) -> None:
    page.goto("/review")
    page.wait_for_url(re.compile(r"/login\?next=%2Freview"))
    page.fill("input[name=username]", ANALYST)
    page.fill("input[name=password]", "wrong password!")
    page.click("form.login button")
    page.wait_for_url(re.compile(r"error=invalid"))
    assert page.locator(".error").is_visible()


def test_analyst_confirms_and_corrects_events(page) -> None:
    page.goto("/review")
    page.fill("input[name=username]", ANALYST)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    page.wait_for_url(re.compile(r"/review$"))
    cards = page.locator("article.review-card")
    first, second = cards.nth(0), cards.nth(1)
    confirmed_id = first.get_attribute("data-event")
    corrected_id = second.get_attribute("data-event")

    first.locator("input[name=note]").fill("matches the ministry statement")
    first.locator("button[value=confirm]").click()
    playwright_sync.expect(first.locator(".result")).to_contain_text("Saved: confirmed")
    assert first.get_attribute("data-state") == "confirmed"

    kind = second.locator("select[name=event_type]")
    new_type = "ACCUSE" if kind.input_value() != "ACCUSE" else "ASSAULT"
    kind.select_option(new_type)
    second.locator("input[name=place]").fill("Rafah")
    second.locator("button[value=correct]").click()
    playwright_sync.expect(second.locator(".result")).to_contain_text("Saved: corrected")
    assert second.locator(".kind").inner_text().startswith(new_type)
    assert second.get_attribute("data-state") == "corrected"
    shoot(page, "review")

    confirmed = page.request.get(f"/api/events/{confirmed_id}").json()
    assert confirmed["review"] == "confirmed"
    corrected = page.request.get(f"/api/events/{corrected_id}").json()
    assert corrected["review"] == "corrected"
    assert corrected["event_type"] == new_type
    assert corrected["location"]["name"] == "Rafah"
    audit = page.request.get("/api/audit").json()
    entries = audit["items"] if isinstance(audit, dict) else audit
    touched = {(e["username"], str(e["target_id"])) for e in entries}
    assert {(ANALYST, confirmed_id), (ANALYST, corrected_id)} <= touched

    third = cards.nth(2)
    stale_id = third.get_attribute("data-event")
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "truce_csrf")
    elsewhere = page.request.post(f"/api/events/{stale_id}/review", headers={
        "X-CSRF-Token": csrf}, data={"action": "reject", "note": "another analyst"})
    assert elsewhere.ok
    third.locator("button[value=confirm]").click()  # the page still shows version 1
    playwright_sync.expect(third.locator(".result")).to_contain_text("Not saved")
    assert page.request.get(f"/api/events/{stale_id}").json()["review"] == "rejected"

    page.reload()
    assert page.locator(f"#review-{confirmed_id}").count() == 0  # left the queue
    assert [p for p in page.problems if "409 (Conflict)" not in p] == []  # only the refusal


def _log_in(page, target: str) -> None:
    page.goto("/login?next=" + target)
    page.fill("input[name=username]", ANALYST)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    page.wait_for_url(re.compile(re.escape(target) + "$"))


def test_analyst_splits_an_incident_and_merges_it_back(page, seeded: Truce) -> None:
    with seeded.store.engine.connect() as connection:
        incident = connection.exec_driver_sql(
            "select incident_id from events where incident_id is not null group by incident_id "
            "having count(*) = 2 order by incident_id limit 1").scalar_one()
    _log_in(page, f"/incidents/{incident}")
    mentions = page.locator("article.mention")
    before = mentions.count()
    stays = int(mentions.first.get_attribute("data-event"))
    moved = int(mentions.last.get_attribute("data-event"))
    mentions.last.locator("input[name=split]").check()
    page.fill("#split-form input[name=note]", "a different strike")
    page.click("#split-form button")
    playwright_sync.expect(page.locator("#link-review .result")).to_contain_text("Split into")

    def incident_of(event_id: int) -> str:
        with seeded.store.engine.connect() as connection:
            return connection.exec_driver_sql(
                "select incident_id from events where id = ?", (event_id,)).scalar_one()

    kept, other = incident_of(stays), incident_of(moved)
    assert kept != other
    page.goto(f"/incidents/{kept}")
    assert page.locator("article.mention").count() == before - 1
    assert page.locator(f"article.mention[data-event='{moved}']").count() == 0

    page.fill("#merge-form input[name=other]", other)
    with page.expect_navigation():
        page.click("#merge-form button")
    page.locator("article.mention").first.wait_for()
    assert page.locator("article.mention").count() == before
    shoot(page, "incident-analyst")
    assert page.problems == []
