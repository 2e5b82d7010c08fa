"""Browser benchmark: what a user waits for in a real browser, beside Datasette. Not a test.

    python -m bench.browser_benchmark [--events 10000 100000] [--rounds 3] [--sessions 8]

For each size a synthetic data directory (``python -m dashboard synth``) is written to a
temporary folder and the dashboard is started on it (``streamlit run``, 127.0.0.1 only).
Debian's Chromium, driven by Playwright, then plays ``--rounds`` rounds, each in a fresh
browser context (a new session, as a new visitor):

- first page: from navigation start to the page settled;
- a switch to every view the page offers (read from the page's view control, so views that
  a dataset hides are left out), glance last: from the click to the page settled;
- on the glance view, three filter changes made with the sidebar widgets as a user makes
  them: a party (the first option of the party picker), a date range (typed into the date
  field: the middle half of the events' dates) and the verification control ("verified").

"Settled" means: the app reports that its script finished (``[data-testid="stApp"]`` has
``data-test-script-state="notRunning"``), no element is still a loading skeleton, and the
page's DOM has not changed for ``--quiet`` ms. The time is measured inside the page, from
the user's input event (``pointerdown``/``keydown``) to the last DOM change before that
quiet spell, so the waiting itself is not counted.

In the same run the same ``events.csv`` goes into a SQLite file (plain ``sqlite3``, numbers
as REAL, the rest TEXT, no index) served by Datasette (``requirements-bench.txt``), and
the same Chromium times its table page for the same party filter (rows where the party is
actor or target, as the dashboard's party filter keeps them for events) to the ``load``
event, and its CSV of all those rows (``_stream=on``) fetched from that page.

Then the concurrency mode: a fresh dashboard at the first size (10,000 by default), one
session switching through every view, then ``--sessions`` sessions at once (separate browser
contexts, each switching through every view); it prints each mode's median and p90 per
switch and the server's resident memory (VmRSS of the streamlit process) before any session,
with one session and with all of them, and the memory per extra session.

Every wait has a cap (``--action-timeout``), every round a deadline (``--round-seconds``)
and the concurrency mode one too (``--concurrency-seconds``), so the run always ends; with
the defaults it took 9 to 11 minutes on two busy cores. Timings on a shared machine are
noisy: compare ratios measured in one run rather than figures from different runs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import os
import platform
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # the browser tests' Chromium

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIRST_VISIT = "first page, first visit after start"
FIRST_PAGE = "first page"
DATASETTE_PAGE = "Datasette page, party filter"
DATASETTE_CSV = "Datasette CSV, party filter"
# Rows of the table: first pages, then the views and filters as met, then Datasette's.
ACTION_ORDER = {FIRST_VISIT: 0, FIRST_PAGE: 1, DATASETTE_PAGE: 3, DATASETTE_CSV: 4}
APP = PROJECT_ROOT / "dashboard" / "app.py"
HOST = "127.0.0.1"
STARTUP_SECONDS = 120
NO_RUN_GRACE_MS = 10_000  # how long to wait for a rerun to show before settling without one
NUMBER_COLUMNS = ("latitude", "longitude")

# Installed in every page before its own scripts: notes the time of the latest user input,
# of the latest visible DOM change, and whether the app's script state changed since that
# input. Changes inside a <canvas> are left out: that is fallback content nobody sees (the
# data grid rewrites its accessible copy of the cells a few hundred ms after drawing them).
WATCH_SCRIPT = """
(() => {
  const b = window.__bench = {lastInput: 0, lastMutation: 0, runSeen: false, scriptDone: 0};
  const attribute = 'data-test-script-state';
  const visible = (record) => {
    const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
    return !(node && node.closest('canvas'));
  };
  new MutationObserver((records) => {
    const now = performance.now();
    if (records.some(visible)) b.lastMutation = now;
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute(attribute);
    if (state === 'running' || records.some((r) => r.attributeName === attribute)) {
      b.runSeen = true;
    }
    if (state === 'running') b.scriptDone = 0;
    else if (state === 'notRunning' && b.runSeen && !b.scriptDone) b.scriptDone = now;
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  for (const type of ['pointerdown', 'keydown']) {
    document.addEventListener(type, () => {
      b.lastInput = performance.now(); b.runSeen = false; b.scriptDone = 0;
    }, true);
  }
})();
"""
# True once the app has finished its run and the DOM has been quiet for ``quiet`` ms.
SETTLED_SCRIPT = """
([quiet, grace]) => {
  const b = window.__bench;
  if (!b) return false;
  const now = performance.now();
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (!b.runSeen && now - b.lastInput < grace) return false;
  return now - Math.max(b.lastMutation, b.lastInput) >= quiet;
}
"""
# Seconds from the latest input to the last DOM change and to the end of the script run.
ELAPSED_SCRIPT = """
() => {
  const b = window.__bench;
  const since = (moment) => Math.max(0, moment - b.lastInput) / 1000;
  return [since(b.lastMutation), b.scriptDone ? since(b.scriptDone) : null, b.runSeen];
}
"""
CSV_FETCH_SCRIPT = """
async ([url, timeout]) => {
  const started = performance.now();
  const answer = await fetch(url, {signal: AbortSignal.timeout(timeout)});
  const text = await answer.text();
  const lines = text.split(String.fromCharCode(10)).length - 1;
  return [performance.now() - started, answer.status, lines];
}
"""


@dataclass
class Settings:
    rounds: int
    sessions: int
    quiet_ms: int
    action_timeout_ms: int
    round_seconds: float
    concurrency_seconds: float


@dataclass
class Samples:
    """Seconds per action, in the order the actions were first measured."""

    times: dict[str, list[float]] = field(default_factory=dict)
    script: dict[str, list[float]] = field(default_factory=dict)  # input to script finished
    notes: list[str] = field(default_factory=list)
    party: str | None = None  # the party id the party change picked (read from the link)

    def add(self, action: str, seconds: float, script: float | None = None) -> None:
        self.times.setdefault(action, []).append(seconds)
        if script is not None:
            self.script.setdefault(action, []).append(script)


# --- statistics and tables ---------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values)


def p90(values: list[float]) -> float:
    """The 90th percentile, interpolated between the closest ranks."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def comparison_table(results: dict[int, Samples]) -> str:
    """One row per action; per size its median and p90 to the page settled, the median to
    the end of the script run (the server's part), and the median as a multiple of
    Datasette's filtered page in the same run."""
    actions = {a for samples in results.values() for a in samples.times}
    actions = sorted(actions, key=lambda a: (ACTION_ORDER.get(a, 2), _first_seen(results, a)))
    header = ["action"]
    for size in results:
        header += [f"{size:,}: {column}" for column in ("median s", "p90 s", "script s", "x DS")]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for action in actions:
        cells = [action]
        for samples in results.values():
            values = samples.times.get(action)
            if not values:
                cells += ["–"] * 4
                continue
            base = samples.times.get(DATASETTE_PAGE)
            script = samples.script.get(action)
            cells += [
                seconds(median(values)),
                seconds(p90(values)),
                seconds(median(script)) if script else "–",
                f"{median(values) / median(base):.2f}" if base else "–",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _first_seen(results: dict[int, Samples], action: str) -> int:
    for samples in results.values():
        if action in samples.times:
            return list(samples.times).index(action)
    return 0


@dataclass
class ConcurrencyResult:
    events: int
    rss_before_mb: float
    modes: list[tuple[int, list[float], float]]  # (sessions, switch seconds, RSS MB after)
    notes: list[str]


def concurrency_table(result: ConcurrencyResult) -> str:
    lines = [
        "| sessions | switches | median s | p90 s | max s | server RSS MB |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| 0 (started, no session yet) | – | – | – | – | {result.rss_before_mb:,.0f} |",
    ]
    for sessions, switches, rss in result.modes:
        stats = (
            [seconds(median(switches)), seconds(p90(switches)), seconds(max(switches))]
            if switches
            else ["–"] * 3
        )
        lines.append(f"| {sessions} | {len(switches)} | " + " | ".join(stats) + f" | {rss:,.0f} |")
    if len(result.modes) == 2 and result.modes[1][0] > result.modes[0][0]:
        (one, _, rss_one), (many, _, rss_many) = result.modes
        per = (rss_many - rss_one) / (many - one)
        lines.append("")
        lines.append(
            f"Server memory per extra session: {per:,.1f} MB "
            f"(({rss_many:,.0f} - {rss_one:,.0f}) / {many - one})."
        )
    return "\n".join(lines)


# --- data ------------------------------------------------------------------------------------


def write_synthetic(events: int, out: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "dashboard", "synth", "--events", str(events), "--out", str(out)],
        cwd=PROJECT_ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def events_to_sqlite(events_csv: Path, database: Path) -> int:
    """The events table as a SQLite table ``events``; returns the number of rows."""
    with events_csv.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        columns = ", ".join(
            f'"{name}" {"REAL" if name in NUMBER_COLUMNS else "TEXT"}' for name in header
        )
        numeric = [i for i, name in enumerate(header) if name in NUMBER_COLUMNS]
        connection = sqlite3.connect(database)
        try:
            connection.execute(f"CREATE TABLE events ({columns})")
            marks = ", ".join("?" * len(header))
            connection.executemany(
                f"INSERT INTO events VALUES ({marks})", (_sql_row(r, numeric) for r in reader)
            )
            connection.commit()
            return connection.execute("SELECT count(*) FROM events").fetchone()[0]
        finally:
            connection.close()


def _sql_row(row: list[str], numeric: list[int]) -> list:
    values: list = [cell if cell != "" else None for cell in row]
    for index in numeric:
        if values[index] is not None:
            values[index] = float(values[index])
    return values


def middle_dates(events_csv: Path) -> tuple[date, date]:
    """The middle half of the span of the events' start dates (inside the app's bounds)."""
    days = []
    with events_csv.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            days.append(row["date_start"])
    low, high = date.fromisoformat(min(days)), date.fromisoformat(max(days))
    quarter = (high - low) // 4
    return low + quarter, high - quarter


def party_rows(events_csv: Path, party: str) -> int:
    """How many events have ``party`` as actor or target."""
    with events_csv.open(newline="", encoding="utf-8") as handle:
        return sum(party in (row["actor"], row["target"]) for row in csv.DictReader(handle))


def first_party(data_dir: Path) -> str:
    with (data_dir / "parties.csv").open(newline="", encoding="utf-8") as handle:
        return next(csv.DictReader(handle))["party_id"]


# --- servers ---------------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)

    def rss_mb(self) -> float:
        """The server process's resident memory (VmRSS) in MiB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_process(command: list[str], url: str, health: str, expected: str | None, log: Path):
    """Start a server at ``url`` and wait until ``url + health`` answers (``expected`` text,
    if given)."""
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_DATA_DIR"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    server = Server(url, process, log)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{command[2]} exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + health, timeout=5) as answer:
                body = answer.read().decode(errors="replace").strip()
                if expected is None or body == expected:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    server.stop()
    raise RuntimeError(f"{command[2]} did not answer on {url}:\n{log.read_text()}")


def start_dashboard(data_dir: Path, log: Path) -> Server:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.headless",
        "true",
        "--server.address",
        HOST,
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--",
        "--data-dir",
        str(data_dir),
    ]
    return start_process(command, f"http://{HOST}:{port}", "/_stcore/health", "ok", log)


def start_datasette(database: Path, log: Path) -> Server:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(database),
        "--host",
        HOST,
        "--port",
        str(port),
    ]
    return start_process(command, f"http://{HOST}:{port}", "/-/versions.json", None, log)


@contextlib.contextmanager
def running(server: Server) -> Iterator[Server]:
    try:
        yield server
    finally:
        server.stop()


# --- the browser -----------------------------------------------------------------------------


class ActionFailed(Exception):
    """A step could not be done (a widget not found, a wait over its cap)."""


async def new_page(browser, settings: Settings):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(settings.action_timeout_ms)
    await context.add_init_script(WATCH_SCRIPT)
    return context, await context.new_page()


@dataclass
class Timing:
    """Seconds from a user's input (or navigation start) to the page settled and to the end
    of the app's script run (None when no end was seen), and whether a run was seen."""

    settled: float
    script: float | None
    run_seen: bool


async def settle(page, settings: Settings) -> Timing:
    """Wait until the page has settled and say how long it took."""
    try:
        await page.wait_for_function(
            SETTLED_SCRIPT,
            arg=[settings.quiet_ms, NO_RUN_GRACE_MS],
            polling=50,
            timeout=settings.action_timeout_ms,
        )
    except Exception as error:  # Playwright's TimeoutError and a closed page alike
        raise ActionFailed(f"page did not settle: {str(error).splitlines()[0]}") from None
    settled, script, run_seen = await page.evaluate(ELAPSED_SCRIPT)
    return Timing(settled, script, bool(run_seen))


async def open_first_page(page, url: str, settings: Settings) -> Timing:
    await page.goto(url, wait_until="domcontentloaded")
    return await settle(page, settings)


def view_control(page):
    return page.locator(".st-key-view")


async def discover_views(page) -> list[str]:
    """The views the page offers, read from its view control (radios or tabs)."""
    control = view_control(page)
    for role in ("radio", "tab"):
        options = control.get_by_role(role)
        if await options.count():
            return [t.strip() for t in await options.all_inner_texts()]
    raise ActionFailed("no view control (an element with key 'view') on the page")


async def current_view(page) -> str | None:
    checked = view_control(page).locator('[aria-checked="true"], [aria-selected="true"]')
    return (await checked.first.inner_text()).strip() if await checked.count() else None


async def switch_view(page, view: str, settings: Settings) -> Timing:
    control = view_control(page)
    option = control.get_by_role("radio", name=view, exact=True)
    if not await option.count():
        option = control.get_by_role("tab", name=view, exact=True)
    await option.click()
    return await settle(page, settings)


async def change_party(page, settings: Settings) -> Timing:
    """Open the sidebar's party picker and pick its first option."""
    picker = page.locator(".st-key-party")
    await picker.click()
    await page.get_by_role("option").first.click()
    result = await settle(page, settings)
    await page.keyboard.press("Escape")  # close the list of options
    return result


def party_in_link(url: str) -> str | None:
    """The first ``party`` parameter of a dashboard link."""
    values = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get("party")
    return values[0] if values else None


async def change_dates(page, dates: tuple[date, date], settings: Settings) -> Timing:
    """Type a start and end date into the date field; the app gets them on leaving it."""
    field_ = page.locator(".st-key-dates")
    for edge, day in zip(("start", "end"), dates, strict=True):
        await field_.get_by_role("spinbutton", name=f"year, Dates {edge} date").click()
        await page.keyboard.type(day.strftime("%Y%m%d"))
    heading = page.locator('[data-testid="stSidebar"]').get_by_role("heading").first
    await heading.click()
    return await settle(page, settings)


async def change_verification(page, settings: Settings) -> Timing:
    option = page.locator(".st-key-verification").get_by_role("radio", name="verified", exact=True)
    await option.click()
    return await settle(page, settings)


async def play_round(
    browser, url: str, dates, settings: Settings, samples: Samples, first_visit: bool = False
) -> None:
    """One visitor: first page, every view, then a party, a date and a verification change."""
    deadline = time.monotonic() + settings.round_seconds
    context, page = await new_page(browser, settings)
    try:
        first = await open_first_page(page, url, settings)
        samples.add(FIRST_VISIT if first_visit else FIRST_PAGE, first.settled, first.script)
        views = await discover_views(page)
        start = await current_view(page)
        order = [v for v in views if v != start] + ([start] if start in views else [])
        steps: list[tuple[str, object]] = [
            (f"view {view}", lambda v=view: switch_view(page, v, settings)) for view in order
        ]
        steps += [
            ("party change", lambda: change_party(page, settings)),
            ("date change", lambda: change_dates(page, dates, settings)),
            ("verification change", lambda: change_verification(page, settings)),
        ]
        for action, step in steps:
            if time.monotonic() > deadline:
                samples.notes.append(f"round over {settings.round_seconds:.0f} s: {action} on")
                break
            try:
                timing = await step()
            except ActionFailed as error:
                samples.notes.append(f"{action}: {error}")
                continue
            except Exception as error:  # a widget not found: note it and go on
                samples.notes.append(f"{action}: {type(error).__name__}: {str(error)[:120]}")
                continue
            if not timing.run_seen:
                samples.notes.append(f"{action}: no script run seen (timed anyway)")
            samples.add(action, timing.settled, timing.script)
            if action == "party change":
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
            switches, rss, said = await concurrent_sessions(browser, server, sessions, settings)
            modes.append((sessions, switches, rss))
            notes += [f"{sessions} sessions: {note}" for note in said]
        return ConcurrencyResult(events, before, modes, notes)


# --- the run ---------------------------------------------------------------------------------


async def measure_size(browser, events: int, folder: Path, settings: Settings) -> Samples:
    data_dir = folder / f"synth-{events}"
    write_synthetic(events, data_dir)
    dates = middle_dates(data_dir / "events.csv")
    samples = Samples()
    with running(start_dashboard(data_dir, folder / f"streamlit-{events}.log")) as server:
        for number in range(settings.rounds):
            await play_round(browser, server.url + "/", dates, settings, samples, number == 0)
            print(f"  {events:,} events: round {number + 1} done", file=sys.stderr, flush=True)
    database = folder / "events.db"
    database.unlink(missing_ok=True)
    events_to_sqlite(data_dir / "events.csv", database)
    with running(start_datasette(database, folder / f"datasette-{events}.log")) as server:
        party = samples.party or first_party(data_dir)
        rows = party_rows(data_dir / "events.csv", party)
        await time_datasette(browser, server, party, rows, settings, samples)
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
    results: dict[int, Samples] = {}
    concurrency: ConcurrencyResult | None = None
    with tempfile.TemporaryDirectory(prefix="browser-bench-") as temporary:
        folder = Path(temporary)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                for events in args.events:
                    print(f"measuring {events:,} events", file=sys.stderr, flush=True)
                    results[events] = await measure_size(browser, events, folder, settings)
                if args.sessions > 1:
                    events = args.concurrency_events
                    print(f"concurrency at {events:,} events", file=sys.stderr, flush=True)
                    data_dir = folder / f"synth-{events}"
                    if not data_dir.is_dir():
                        write_synthetic(events, data_dir)
                    concurrency = await concurrency_mode(
                        browser, data_dir, events, folder, settings
                    )
            finally:
                await browser.close()
    print(report(results, concurrency, settings, started))
    return 0


def report(results: dict[int, Samples], concurrency, settings: Settings, started: str) -> str:
    lines = [
        f"Browser benchmark: {started}; {settings.rounds} rounds; Chromium {CHROMIUM}.",
        "",
        "median s, p90 s: from the click (or navigation start) to the page settled: the "
        f"script finished and the DOM quiet for {settings.quiet_ms} ms (the quiet spell not "
        "counted); script s: median from the click to the end of the app's script run (the "
        "server's part); x DS: the median over Datasette's filtered page in the same run. "
        "Filters are changed with the sidebar widgets, on the glance view.",
        "",
        comparison_table(results),
    ]
    for events, samples in results.items():
        for note in dict.fromkeys(samples.notes):
            lines.append(f"- {events:,} events: {note}")
    if concurrency is not None:
        lines += [
            "",
            f"Concurrency at {concurrency.events:,} events (each session switches through "
            "every view once):",
            "",
            concurrency_table(concurrency),
        ]
        lines += [f"- {note}" for note in dict.fromkeys(concurrency.notes)]
    lines += ["", f"Load average at the end: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)."]
    return "\n".join(lines)


def machine_line() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M')}, load average {os.getloadavg()[0]:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser_benchmark")
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
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
