"""Browser benchmark: what a user waits for in a real browser, and what each click costs the
server, beside Datasette. Not a test.

    python -m bench.browser_benchmark [--events 10000 100000] [--profiles basic realistic]
        [--rounds 3] [--sessions 8]

For each profile and size a synthetic data directory (``python -m dashboard synth
--profile P``) is written to a temporary folder and the dashboard is started on it
(``streamlit run``, 127.0.0.1 only). Debian's Chromium, driven by Playwright, then plays
``--rounds`` rounds, each in a fresh browser context (a new session, as a new visitor):

- first page: from navigation start to the page settled;
- a switch to every view the data can fill (the link's list of views, VIEWS in
  dashboard/query/params.py, less those whose tables the data lacks: a new view is
  measured without a change here; one missing from the page is noted), glance last: from
  the click to the page settled;
- on the glance view, a change of every filter of the link's vocabulary, made with the
  sidebar widgets as a user makes them (bench/browser_filters.py).

"Settled" means: the app reports that its script finished (``[data-testid="stApp"]`` has
``data-test-script-state="notRunning"``), no element is still a loading skeleton, and the
page's DOM has not changed for ``--quiet`` ms. The time is measured inside the page, from
the user's input event (``pointerdown``/``keydown``) to the last DOM change before that
quiet spell, so the waiting itself is not counted.

Around every action the streamlit process's own CPU counters (utime + stime in
/proc/PID/stat) are read, before the click and after the page settled: the server's CPU
per click, which a busy browser on the same cores does not blur. The rounds after the first
find the views and filters in the shared memo; the table gives their median and the first
round's, and a second table the CPU per click and the clicks a second one core can serve.

In the same run the same ``events.csv`` goes into a SQLite file (plain ``sqlite3``, numbers
as REAL, the rest TEXT, no index) served by Datasette (``requirements-bench.txt``), and
the same Chromium times its table page for the same party filter (rows where the party is
actor or target, as the dashboard's party filter keeps them for events) to the ``load``
event, and its CSV of all those rows (``_stream=on``) fetched from that page.

Then the concurrency mode: a fresh dashboard at ``--concurrency-events`` (10,000 basic
events by default), one session opening the first page and switching through every view,
then ``--sessions`` sessions at once (separate browser contexts); it prints each mode's
median and p90 per switch, the server's CPU per switch and its resident memory (VmRSS)
before any session, with one session and with all of them.

Every wait has a cap (``--action-timeout``), every round a deadline (``--round-seconds``)
and the concurrency mode one too (``--concurrency-seconds``), so the run always ends.
Timings on a shared machine are noisy: compare ratios measured in one run rather than
figures from different runs.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from bench.browser_filters import FILTER_PARAMS, change_filter, party_in_link
from bench.browser_page import (
    CSV_FETCH_SCRIPT,
    ActionFailed,
    Settings,
    Timing,
    current_view,
    discover_views,
    new_page,
    open_first_page,
    settle,
    switch_view,
)
from bench.browser_report import (
    DATASETTE_CSV,
    DATASETTE_PAGE,
    FIRST_PAGE,
    FIRST_VISIT,
    ConcurrencyResult,
    Samples,
    report,
)
from bench.browser_servers import (
    PROFILES,
    Server,
    events_to_sqlite,
    expected_views,
    first_party,
    middle_dates,
    party_rows,
    running,
    start_dashboard,
    start_datasette,
    write_synthetic,
)
from bench.machine import machine_line
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # the browser tests' Chromium


async def measured(server: Server, samples: Samples, action: str, first_round: bool, step):
    """Run ``step`` (an input and the wait for the page to settle) with the server's CPU
    counters read before and after it; record the timing and the CPU seconds."""
    before = server.cpu_seconds()
    timing = await step()
    samples.add_cpu(action, server.cpu_seconds() - before, first_round)
    if not timing.run_seen:
        samples.notes.append(f"{action}: no script run seen (timed anyway)")
    samples.add(action, timing.settled, timing.script)
    return timing


async def filter_step(page, name: str, dates, settings: Settings) -> Timing:
    await change_filter(page, name, dates)
    result = await settle(page, settings)
    await page.keyboard.press("Escape")  # close a list of options left open
    return result


async def play_round(
    browser, server: Server, views, dates, settings: Settings, samples: Samples, number: int
) -> None:
    """One visitor: first page, every view, then a change of every filter."""
    deadline = time.monotonic() + settings.round_seconds
    context, page = await new_page(browser, settings)
    first_round = number == 0
    try:
        first_action = FIRST_VISIT if first_round else FIRST_PAGE
        await measured(
            server,
            samples,
            first_action,
            first_round,
            lambda: open_first_page(page, server.url + "/", settings),
        )
        offered = await discover_views(page)
        for view in views:
            if view not in offered:
                samples.notes.append(f"view {view}: not offered by the page ({offered})")
        start = await current_view(page)
        order = [v for v in views if v in offered and v != start]
        order += [start] if start in offered else []
        steps: list[tuple[str, object]] = [
            (f"view {view}", lambda v=view: switch_view(page, v, settings)) for view in order
        ]
        steps += [
            (f"filter {name}", lambda n=name: filter_step(page, n, dates, settings))
            for name in FILTER_PARAMS
        ]
        for action, step in steps:
            if time.monotonic() > deadline:
                samples.notes.append(f"round over {settings.round_seconds:.0f} s: {action} on")
                break
            try:
                await measured(server, samples, action, first_round, step)
            except ActionFailed as error:
                samples.notes.append(f"{action}: {error}")
                continue
            except Exception as error:  # a widget not found: note it and go on
                samples.notes.append(f"{action}: {type(error).__name__}: {str(error)[:120]}")
                continue
            if action == "filter party":
                samples.party = samples.party or party_in_link(page.url)
    finally:
        await context.close()


def datasette_urls(server: Server, party: str) -> tuple[str, str]:
    where = f"(actor = '{party}' or target = '{party}')"  # in brackets: Datasette adds to it
    query = urllib.parse.urlencode({"_where": where})
    page = f"{server.url}/events/events?{query}"
    csv_url = f"{server.url}/events/events.csv?{query}&_stream=on&_size=max"
    return page, csv_url


async def time_datasette(
    browser, server: Server, party: str, expected_rows: int, settings, samples
) -> None:
    """Datasette's page of the events with ``party`` as actor or target (to its load event),
    then its CSV of all of them fetched from that page."""
    page_url, csv_url = datasette_urls(server, party)
    for _ in range(settings.rounds):
        context, page = await new_page(browser, settings)
        try:
            await page.goto(page_url, wait_until="load")
            load_ms = await page.evaluate(
                "() => performance.getEntriesByType('navigation')[0].loadEventEnd"
            )
            samples.add(DATASETTE_PAGE, load_ms / 1000)
            elapsed_ms, status, lines = await page.evaluate(
                CSV_FETCH_SCRIPT, [csv_url, settings.action_timeout_ms]
            )
            if status != 200 or lines != expected_rows + 1:
                samples.notes.append(
                    f"Datasette CSV answered {status} with {lines} lines "
                    f"for {expected_rows} rows and a header"
                )
            samples.add(DATASETTE_CSV, elapsed_ms / 1000)
        except Exception as error:  # a timeout or a refused page: note it, go on
            samples.notes.append(f"Datasette: {type(error).__name__}: {str(error)[:120]}")
        finally:
            await context.close()


async def concurrent_sessions(
    browser, server: Server, sessions: int, settings: Settings
) -> tuple[list[float], float, list[str]]:
    """``sessions`` visitors at once, each switching through every view: the switch times,
    the server's RSS read while they are all still open, and notes on what went wrong."""
    deadline = time.monotonic() + settings.concurrency_seconds
    switches: list[float] = []
    pages = []
    notes: list[str] = []
    try:
        for _ in range(sessions):
            pages.append(await new_page(browser, settings))

        async def visitor(page) -> None:
            try:
                await open_first_page(page, server.url + "/", settings)
                views = await discover_views(page)
                start = await current_view(page)
                for view in [v for v in views if v != start] + [start]:
                    if time.monotonic() > deadline:
                        notes.append("concurrency deadline reached")
                        break
                    switches.append((await switch_view(page, view, settings)).settled)
            except Exception as error:
                notes.append(f"{type(error).__name__}: {str(error)[:120]}")

        await asyncio.gather(*(visitor(page) for _, page in pages))
        rss = server.rss_mb()
    finally:
        for context, _ in pages:
            await context.close()
    if notes:
        print(f"  {sessions} sessions: {notes[0]} ({len(notes)} notes)", file=sys.stderr)
    return switches, rss, notes


async def concurrency_mode(browser, data_dir, events, logs, settings) -> ConcurrencyResult:
    with running(start_dashboard(data_dir, logs / "concurrency.log")) as server:
        before = server.rss_mb()
        modes = []
        notes: list[str] = []
        for sessions in (1, settings.sessions):
            cpu_before = server.cpu_seconds()
            switches, rss, said = await concurrent_sessions(browser, server, sessions, settings)
            modes.append((sessions, switches, rss, server.cpu_seconds() - cpu_before))
            notes += [f"{sessions} sessions: {note}" for note in said]
        return ConcurrencyResult(events, before, modes, notes)


# --- the run ---------------------------------------------------------------------------------


def data_label(profile: str, events: int) -> str:
    return f"{profile} {events:,}"


async def measure_size(
    browser, profile: str, events: int, folder: Path, settings: Settings
) -> Samples:
    data_dir = folder / f"{profile}-{events}"
    write_synthetic(events, data_dir, profile)
    dates = middle_dates(data_dir / "events.csv")
    views = expected_views(data_dir)
    samples = Samples()
    label = data_label(profile, events)
    with running(start_dashboard(data_dir, folder / f"streamlit-{profile}-{events}.log")) as server:
        for number in range(settings.rounds):
            await play_round(browser, server, views, dates, settings, samples, number)
            print(f"  {label}: round {number + 1} done", file=sys.stderr, flush=True)
    database = folder / "events.db"
    database.unlink(missing_ok=True)
    events_to_sqlite(data_dir / "events.csv", database)
    with running(start_datasette(database, folder / f"datasette-{profile}-{events}.log")) as ds:
        party = samples.party or first_party(data_dir)
        rows = party_rows(data_dir / "events.csv", party)
        await time_datasette(browser, ds, party, rows, settings, samples)
    return samples


async def run(args: argparse.Namespace) -> int:
    from playwright.async_api import async_playwright

    settings = Settings(
        args.rounds,
        args.sessions,
        args.quiet,
        int(args.action_timeout * 1000),
        args.round_seconds,
        args.concurrency_seconds,
    )
    started = machine_line()
    results: dict[str, Samples] = {}
    concurrency: ConcurrencyResult | None = None
    with tempfile.TemporaryDirectory(prefix="browser-bench-") as temporary:
        folder = Path(temporary)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                for profile in args.profiles:
                    for events in args.events:
                        label = data_label(profile, events)
                        print(f"measuring {label} events", file=sys.stderr, flush=True)
                        results[label] = await measure_size(
                            browser, profile, events, folder, settings
                        )
                if args.sessions > 1:
                    events = args.concurrency_events
                    print(f"concurrency at {events:,} events", file=sys.stderr, flush=True)
                    data_dir = folder / f"basic-{events}"
                    if not data_dir.is_dir():
                        write_synthetic(events, data_dir)
                    concurrency = await concurrency_mode(
                        browser, data_dir, events, folder, settings
                    )
            finally:
                await browser.close()
    print(report(results, concurrency, settings.rounds, settings.quiet_ms, started))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser_benchmark")
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--profiles", nargs="+", choices=PROFILES, default=list(PROFILES))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=8, help="1 turns the mode off")
    parser.add_argument("--concurrency-events", type=int, default=10_000)
    parser.add_argument("--quiet", type=int, default=500, metavar="MS")
    parser.add_argument("--action-timeout", type=float, default=60, metavar="S")
    parser.add_argument("--round-seconds", type=float, default=150, metavar="S")
    parser.add_argument("--concurrency-seconds", type=float, default=180, metavar="S")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium", file=sys.stderr)
        return 2
    return asyncio.run(run(args))


if __name__ == "__main__":
    raise SystemExit(main())
