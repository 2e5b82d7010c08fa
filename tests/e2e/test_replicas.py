"""Three replicas behind HAProxy (``python -m dashboard serve``), six browser sessions on
different views and filters; one replica is killed mid-session and started again.

Each session is its own browser context, so each has its own stickiness cookie
(``dashboard_replica``) and HAProxy spreads them over the replicas. Needs HAProxy
(``apt-get install -y haproxy``) besides Chromium; without it the test skips, unless
``DASHBOARD_E2E_REQUIRED=1``.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.runtime.serve import COOKIE_NAME, find_haproxy, free_port, healthy
from tests.e2e.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REQUIRED,
    TIMEOUT_MS,
    _missing_browser,
    assert_no_exception,
    open_url,
    sidebar_caption,
)

pytestmark = pytest.mark.e2e

SERVE = (sys.executable, "-m", "dashboard", "serve")
COMEBACK_SECONDS = 10
# Six sessions, six views or filter sets (the shipped data/ folder).
LINKS = (
    "?view=claims&party=pak",
    "?view=timeline&verification=verified",
    "?party=afg",
    "?view=sources&verification=unverified",
    "?view=quality",
    "?view=crossings&party=pak&party=afg",
)
# Records, inside the page, every change of the app's run state with the time it happened.
WATCH_RUNS = """() => {
  window.__runs = [];
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => window.__runs.push(
    [Date.now(), app.getAttribute('data-test-script-state')]
  )).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
RUN_FINISHED_SINCE = """(since) => {
  const runs = window.__runs.filter(([time]) => time >= since);
  const started = runs.findIndex(([, state]) => state === 'running');
  return started >= 0 && runs.slice(started).some(([, state]) => state === 'notRunning');
}"""


@dataclass
class Session:
    link: str
    context: object
    page: object
    view: str = ""
    caption: str = ""
    url: str = ""

    def replica(self) -> str:
        cookies = {c["name"]: c["value"] for c in self.context.cookies()}
        return cookies.get(COOKIE_NAME, "")


class Serve:
    """``python -m dashboard serve`` as a user runs it; its printed lines are read as they
    come (replica names, process ids and ports)."""

    def __init__(self, replicas: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.lines: queue.Queue[str] = queue.Queue()
        self.process = subprocess.Popen(
            [*SERVE, "--replicas", str(replicas), "--port", str(self.port)],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.replicas: dict[str, tuple[int, int]] = {}  # name -> (pid, port)
        self.wait_for_line("Ctrl-C stops everything.", 180)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, wanted: str, seconds: float) -> str:
        deadline = time.monotonic() + seconds
        seen = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            seen.append(line)
            found = re.fullmatch(r"replica (r\d+): pid (\d+), port (\d+)", line)
            if found:
                self.replicas[found[1]] = (int(found[2]), int(found[3]))
            if wanted in line:
                return line
        raise AssertionError(f"serve never printed {wanted!r}; it printed: {seen}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)


@pytest.fixture(scope="module")
def serve() -> Iterator[Serve]:
    if find_haproxy() is None:
        if REQUIRED:
            pytest.fail("DASHBOARD_E2E_REQUIRED=1 but haproxy is missing: apt-get install haproxy")
        pytest.skip("haproxy not found: apt-get install -y haproxy")
    reason = _missing_browser()
    if reason:
        if REQUIRED:
            pytest.fail(f"DASHBOARD_E2E_REQUIRED=1 but {reason}")
        pytest.skip(reason)
    running = Serve(3)
    try:
        yield running
    finally:
        running.stop()
    assert running.process.returncode == 0


@pytest.fixture(scope="module")
def chromium(playwright_driver) -> Iterator:
    """A browser of its own: every visitor gets a fresh context (own cookies)."""
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    try:
        yield browser
    finally:
        browser.close()


def open_session(browser, url: str, link: str) -> Session:
    """A new visitor (own cookies) opening ``link``."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    open_url(page, url + "/" + link)
    session = Session(link, context, page)
    session.view, session.caption, session.url = chosen_view(page), sidebar_caption(page), page.url
    return session


def chosen_view(page) -> str:
    checked = page.locator(".st-key-view").locator('[aria-checked="true"]')
    return checked.first.inner_text().strip()


def assert_snapshot_downloads(session: Session, folder: Path) -> None:
    """The snapshot ZIP downloads and its manifest names the filters on screen."""
    with session.page.expect_download() as info:
        session.page.get_by_role("button", name="Download snapshot (ZIP)").click()
    assert info.value.failure() is None, (session.link, info.value.failure())
    saved = folder / f"{len(list(folder.iterdir()))}-{info.value.suggested_filename}"
    info.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["filters"]["words"] == session.caption, session.link


def test_a_killed_replica_goes_unnoticed_and_rejoins(serve, chromium, tmp_path: Path) -> None:
    sessions = [open_session(chromium, serve.url, link) for link in LINKS]
    served_by = {s.link: s.replica() for s in sessions}
    assert set(served_by.values()) == set(serve.replicas), served_by  # spread over all three
    victim = served_by[LINKS[0]]
    moved = [s for s in sessions if served_by[s.link] == victim]
    stayed = [s for s in sessions if served_by[s.link] != victim]
    for session in sessions:
        session.page.evaluate(WATCH_RUNS)

    victim_pid, victim_port = serve.replicas[victim]
    killed_at = time.time() * 1000
    os.kill(victim_pid, signal.SIGKILL)

    for session in moved:  # the app runs again on a live replica, within 10 s
        left = COMEBACK_SECONDS * 1000 - (time.time() * 1000 - killed_at)
        session.page.wait_for_function(RUN_FINISHED_SINCE, arg=killed_at, timeout=max(left, 1))
    came_back = (time.time() * 1000 - killed_at) / 1000
    assert came_back <= COMEBACK_SECONDS
    for session in moved:
        session.page.wait_for_timeout(200)
        assert session.replica() not in ("", victim), session.link
        assert chosen_view(session.page) == session.view, session.link
        assert sidebar_caption(session.page) == session.caption, session.link
        assert session.page.url == session.url
        assert_no_exception(session.page)
    for session in stayed:  # the others notice nothing
        assert session.replica() == served_by[session.link]
        assert chosen_view(session.page) == session.view
        assert sidebar_caption(session.page) == session.caption
        assert session.page.get_by_text("Connection error").count() == 0
        assert_no_exception(session.page)
    for session in sessions:
        assert_snapshot_downloads(session, tmp_path)

    # serve starts the killed replica again; HAProxy's health check lets it back in
    serve.wait_for_line(f"replica {victim}: pid", 120)
    new_pid, port = serve.replicas[victim]
    assert new_pid != victim_pid and port == victim_port
    assert healthy(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 30
    newcomer = open_session(chromium, serve.url, "?view=claims")
    while newcomer.replica() != victim and time.monotonic() < deadline:
        newcomer.context.close()  # landed elsewhere (the check has not passed twice yet)
        time.sleep(1)
        newcomer = open_session(chromium, serve.url, "?view=claims")
    assert newcomer.replica() == victim
    assert newcomer.view == "claims"
    assert_no_exception(newcomer.page)
    assert_snapshot_downloads(newcomer, tmp_path)
    for session in [*sessions, newcomer]:
        session.context.close()
