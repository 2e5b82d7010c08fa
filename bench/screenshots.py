"""``python -m bench.screenshots --out DIR``: every image the README shows, made again.

DIR must not exist yet: it is created and the images are written into it (nothing else is
written outside a temporary folder that is removed at the end). Copy them over docs/*.png
after looking at them. The dashboard runs on data/ and on a realistic synthetic fixture
(``python -m dashboard synth --profile realistic``), with DASHBOARD_TODAY fixed and fresh,
temporary history and cache folders, so the images do not change from one day (or one
machine) to the next; Debian's Chromium takes them through Playwright, as in the browser
tests. The changes view compares two versions of an edited copy of data/ (the edits of
tests/history_edits.py) recorded at fixed times; the brief's page one is
``python -m dashboard brief data --since 2025-10-12`` rendered by ``pdftoppm``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from bench.browser_servers import Server, running, start_dashboard, write_synthetic
from dashboard.contract.dataset import DEFAULT_DATA_DIR, PROJECT_ROOT
from dashboard.contract.loader import load_dataset
from dashboard.history.inputs import canonical_tables
from dashboard.history.store import HistoryStore
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, open_url
from tests.history_edits import edit_curated
from tests.minidata import read_rows, write_table

TODAY = "2026-12-01"  # DASHBOARD_TODAY: data/ is "415 days ago" on every run
EVENTS = 100_000  # the realistic fixture's size (as in tests/e2e/test_screens.py)
# When the changes view's two versions were "first seen" (before TODAY).
VERSION_TIMES = (
    datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
    datetime(2026, 11, 30, 18, 0, tzinfo=UTC),
)
BRIEF_SINCE = "2025-10-12"
BRIEF_DPI = 70  # A4 at 70 dpi: 579 x 819 px
CHART_DRAWN = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
  .every(chart => chart.querySelector('canvas, svg.marks'))"""
SETTLE_MS = 1500  # charts are drawn (and maps fitted) a moment after the run


@dataclass(frozen=True)
class Shot:
    """One README image: which server, which link, the browser's width and the image's size
    (``full_page``: the page as tall as it is, cut to ``height``)."""

    name: str
    server: str  # "curated", "realistic" or "changes"
    query: str
    width: int
    height: int
    full_page: bool = False


SHOTS = (
    Shot("screenshot.png", "curated", "", 1400, 1000),
    Shot("timeline-curated.png", "curated", "?view=timeline", 1280, 900),
    Shot("map-curated.png", "curated", "?view=map", 1280, 900),
    Shot("timeline-realistic.png", "realistic", "?view=timeline", 1280, 900),
    Shot("map-realistic.png", "realistic", "?view=map", 1280, 900),
    Shot("glance-realistic.png", "realistic", "", 1400, 1100),
    Shot("claims-realistic.png", "realistic", "?view=claims&order=disagreement", 1400, 2150, True),
    Shot("claims-phone.png", "realistic", "?view=claims&order=disagreement", 390, 1600, True),
    Shot("changes.png", "changes", "?view=changes&since={since}", 1400, 1000),
)
BRIEF_IMAGE = ("brief-curated.png", 579, 819)


def new_output_dir(path: Path) -> Path:
    """Create ``path`` (its parent must exist); refuse anything that is already there."""
    if path.exists() or path.is_symlink():
        raise SystemExit(f"error: {path} exists; --out must name a new folder")
    try:
        path.mkdir()
    except OSError as error:
        raise SystemExit(f"error: cannot create {path}: {error}") from error
    return path


def fixed_environment(work: Path) -> None:
    """This process's (and so the servers' and commands') DASHBOARD_ settings: TODAY fixed,
    history and cache in ``work``, every other setting at its default."""
    for name in [name for name in os.environ if name.startswith("DASHBOARD_")]:
        del os.environ[name]
    os.environ["DASHBOARD_TODAY"] = TODAY
    os.environ["DASHBOARD_HISTORY_DIR"] = str(work / "history")
    os.environ["DASHBOARD_CACHE_DIR"] = str(work / "cache")


def write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet."""
    with path.open("xb") as out:
        out.write(data)


def check_size(path: Path, width: int, height: int) -> None:
    with Image.open(path) as image:
        if image.size != (width, height):
            raise SystemExit(f"error: {path.name} is {image.size}, expected {(width, height)}")


# --- data ---------------------------------------------------------------------------------


def edited_curated(work: Path) -> tuple[Path, str]:
    """A copy of data/ with its documents inside it, recorded at VERSION_TIMES[0], then
    edited and recorded at VERSION_TIMES[1]; the folder and the id of its first version."""
    folder = work / "edited"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    documents_inside(folder)
    first = record_version(folder, VERSION_TIMES[0])
    edit_curated(folder)
    record_version(folder, VERSION_TIMES[1])
    return folder, first


def documents_inside(folder: Path) -> None:
    """Copy each document the sources cite into ``folder`` and cite it there: outside the
    project, a copy of data/ may not read ../seeds/ (a data problem on every page)."""
    rows = read_rows(folder, "sources")
    column = rows[0].index("document")
    for row in rows[1:]:
        if row[column]:
            cited = (DEFAULT_DATA_DIR / row[column]).resolve()
            if not (folder / cited.name).exists():
                shutil.copyfile(cited, folder / cited.name)
            row[column] = cited.name
    write_table(folder, "sources", rows)


def record_version(folder: Path, seen_at: datetime) -> str:
    """Record the folder as it is now, first seen at ``seen_at``; the version's id."""
    dataset = load_dataset(folder)
    store = HistoryStore(Path(os.environ["DASHBOARD_HISTORY_DIR"]))
    version, _ = store.record(folder, canonical_tables(dataset), dataset.title, seen_at=seen_at)
    return version.id


def brief_page_one(work: Path, out: Path) -> None:
    """Page one of the curated data's brief as PNG, ``BRIEF_DPI`` dots per inch."""
    name, width, height = BRIEF_IMAGE
    pdf = work / "brief.pdf"
    command = [sys.executable, "-m", "dashboard", "brief", str(DEFAULT_DATA_DIR)]
    subprocess.run(
        [*command, "--since", BRIEF_SINCE, "--out", str(pdf)],
        cwd=PROJECT_ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    root = work / "brief"
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(BRIEF_DPI), "-singlefile", "-f", "1", str(pdf), str(root)],
        check=True,
    )
    write_new(out / name, root.with_suffix(".png").read_bytes())
    check_size(out / name, width, height)


# --- browser ------------------------------------------------------------------------------


@contextlib.contextmanager
def dashboards(work: Path, folders: dict[str, Path]) -> Iterator[dict[str, Server]]:
    """A dashboard on each folder (logs in ``work``), stopped at the end."""
    (work / "logs").mkdir()
    with contextlib.ExitStack() as stack:
        servers = {}
        for key, folder in folders.items():
            server = start_dashboard(folder, work / "logs" / f"{key}.log")
            servers[key] = stack.enter_context(running(server))
        yield servers


def take(browser, server: Server, shot: Shot, out: Path, since: str) -> None:
    """Open the shot's link at its width, wait for the run and the charts, save the image."""
    context = browser.new_context(viewport={"width": shot.width, "height": shot.height})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        open_url(page, server.url + "/" + shot.query.format(since=since))
        page.wait_for_function(CHART_DRAWN, timeout=TIMEOUT_MS)
        page.wait_for_timeout(SETTLE_MS)
        if page.locator('[data-testid="stException"]').count():
            raise SystemExit(f"error: {shot.name}: the page shows an exception")
        clip = {"x": 0, "y": 0, "width": shot.width, "height": shot.height}
        write_new(out / shot.name, page.screenshot(full_page=shot.full_page, clip=clip))
    finally:
        context.close()
    check_size(out / shot.name, shot.width, shot.height)


def take_all(servers: dict[str, Server], out: Path, since: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            for shot in SHOTS:
                take(browser, servers[shot.server], shot, out, since)
                print(f"{shot.name}: {shot.width}x{shot.height}", flush=True)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="a new folder for the images")
    parser.add_argument("--events", type=int, default=EVENTS, help="realistic fixture size")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        raise SystemExit(f"error: Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    if shutil.which("pdftoppm") is None:
        raise SystemExit("error: pdftoppm not found: apt-get install -y poppler-utils")
    out = new_output_dir(args.out)
    work = Path(tempfile.mkdtemp(prefix="dashboard-screenshots-"))
    try:
        fixed_environment(work)
        edited, since = edited_curated(work)  # first, so that its versions are v1 and v2
        brief_page_one(work, out)
        print(f"{BRIEF_IMAGE[0]}: {BRIEF_IMAGE[1]}x{BRIEF_IMAGE[2]}", flush=True)
        write_synthetic(args.events, work / "realistic", "realistic")
        folders = {"curated": DEFAULT_DATA_DIR, "realistic": work / "realistic", "changes": edited}
        with dashboards(work, folders) as servers:
            take_all(servers, out, since)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(SHOTS) + 1} images in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
