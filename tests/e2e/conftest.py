"""Fixtures for the browser tests: a Streamlit server per dataset, one headless Chromium.

Playwright's own browser download does not work on the build machines, so the tests drive
Debian's Chromium (``apt-get install -y chromium``). Without it they skip, unless
``DASHBOARD_E2E_REQUIRED=1`` (set by ``.ci/run``) turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.runtime.serve import start_dashboard, stop_process
from tests.minidata import set_cell, write_mini_dataset, write_with_text_appended

CHROMIUM = Path(os.environ.get("DASHBOARD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRED = os.environ.get("DASHBOARD_E2E_REQUIRED") == "1"
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
STARTUP_SECONDS = 90
TIMEOUT_MS = 60_000  # generous: the build machine has two cores and runs other tests too
FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM}: apt-get install -y chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is missing: pip install -r requirements-dev.txt"
    return None


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator:
    """The one Playwright of the run (a second sync Playwright in the same thread fails)."""
    reason = _missing_browser()
    if reason:
        if REQUIRED:
            pytest.fail(f"DASHBOARD_E2E_REQUIRED=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver) -> Iterator:
    """One Chromium profile for the session's tabs."""
    profile = tempfile.mkdtemp(prefix="e2e-chromium-")
    context = playwright_driver.chromium.launch_persistent_context(
        profile,
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
        accept_downloads=True,
        viewport={"width": 1400, "height": 1000},
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


@dataclass
class Server:
    """A running ``streamlit run`` of the dashboard on one data directory."""

    url: str
    data_dir: Path | None
    process: subprocess.Popen

    def stop(self) -> None:
        stop_process(self.process)


def start_server(data_dir: Path | None, log: Path) -> Server:
    url, process = start_dashboard(data_dir, log, STARTUP_SECONDS)
    return Server(url, data_dir, process)


@pytest.fixture(scope="session")
def servers(browser, tmp_path_factory) -> Iterator[Callable[[str, Path | None], Server]]:
    """``servers(name, data_dir)``: one server per dataset name for the whole session."""
    running: dict[str, Server] = {}
    logs = tmp_path_factory.mktemp("streamlit-logs")

    def get(name: str, data_dir: Path | None = None) -> Server:
        if name not in running:
            running[name] = start_server(data_dir, logs / f"{name}.log")
        return running[name]

    try:
        yield get
    finally:
        for server in running.values():
            server.stop()


@pytest.fixture(scope="session")
def shipped(servers) -> Server:
    """The dashboard on the shipped data/ folder."""
    return servers("shipped", None)


@pytest.fixture
def page(browser) -> Iterator:
    """A fresh tab; closed after the test."""
    tab = browser.new_page()
    try:
        yield tab
    finally:
        tab.close()


def wait_finished(page) -> None:
    """Wait until Streamlit has finished the current run and drawn the result."""
    page.wait_for_timeout(200)  # let a just-triggered rerun start before looking
    page.locator(FINISHED).wait_for(state="attached", timeout=TIMEOUT_MS)
    # Elements whose code is still loading show as skeletons for a moment after the run.
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=TIMEOUT_MS
    )
    page.locator('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]').first.wait_for(
        timeout=TIMEOUT_MS
    )


def open_app(page, server: Server, query: str = "") -> None:
    """Open the dashboard (``query`` like ``?view=claims``) and wait for the first run."""
    open_url(page, server.url + "/" + query)


def open_url(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    wait_finished(page)


def assert_no_exception(page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.all_inner_texts()


def sidebar_caption(page) -> str:
    captions = page.locator('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]')
    return next(t for t in captions.all_inner_texts() if " events" in t).strip()


def choose_view(page, view: str) -> None:
    """Click a view's button in the view bar (a single-select segmented control)."""
    page.get_by_role("radio", name=view, exact=True).click()
    wait_finished(page)


# --- datasets ------------------------------------------------------------------------------

SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=1">'
LINK = "[click me](javascript:window.__pwned=1)"
PAYLOAD = f"{SCRIPT} {IMAGE} {LINK}"
# Text columns that reach the page, per table: every one of them carries the payload.
HOSTILE_COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": ("title", "publisher"),
    "parties": ("name",),
    "events": ("title", "description", "location", "quote"),
    "topics": ("question", "unit"),
    "claims": ("spokesperson", "statement", "quote"),
    "crossings": ("name", "description"),
    "crossing_status": ("detail", "quote"),
}


def write_without_crossings(directory: Path) -> Path:
    """The invented conflict of tests/minidata.py, with no crossing tables."""
    write_mini_dataset(directory)
    for name in ("crossings", "crossing_status"):
        (directory / f"{name}.csv").unlink()
    return directory


def write_broken(directory: Path) -> Path:
    """The invented conflict with two broken rows: a latitude out of range and a claim
    with an unknown verification grade."""
    write_mini_dataset(directory)
    set_cell(directory, "events", 3, "latitude", "123")
    set_cell(directory, "claims", 2, "verification", "rumoured")
    return directory


def write_hostile(directory: Path) -> Path:
    """The invented conflict with markup in every displayed text column (quotes too: the
    payload is added to the stored document so that the quotes still check out)."""
    return write_with_text_appended(directory, HOSTILE_COLUMNS, PAYLOAD)


@pytest.fixture(scope="session")
def mini(servers, tmp_path_factory) -> Server:
    return servers("mini", write_without_crossings(tmp_path_factory.mktemp("e2e") / "mini"))


@pytest.fixture(scope="session")
def broken(servers, tmp_path_factory) -> Server:
    return servers("broken", write_broken(tmp_path_factory.mktemp("e2e") / "broken"))


@pytest.fixture(scope="session")
def hostile(servers, tmp_path_factory) -> Server:
    return servers("hostile", write_hostile(tmp_path_factory.mktemp("e2e") / "hostile"))


@pytest.fixture(scope="session")
def many(servers, tmp_path_factory) -> Server:
    """A realistic multi-year fixture: about 6,000 events, 40 parties, 30 years."""
    from tests.manyparty import write_many_party

    return servers("many", write_many_party(tmp_path_factory.mktemp("e2e") / "many"))
