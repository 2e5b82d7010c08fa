"""Downloads as a browser receives them: the ZIP snapshot and a view's CSV hold exactly
the rows the filters on screen select."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from dashboard.contract.loader import load_dataset
from tests.e2e.conftest import open_app, sidebar_caption

pytestmark = pytest.mark.e2e

FACT_TABLES = ("events", "claims", "crossing_status")


def download(page, button: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    saved = folder / info.value.suggested_filename
    info.value.save_as(saved)
    return saved


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def shown_rows(caption: str) -> int:
    """Events, claims and crossing reports in view, added up from the caption's counts."""
    counts = re.findall(r"(\d+) of \d+ (?:events|claims|crossing reports)", caption)
    assert len(counts) == 3, caption
    return sum(int(count) for count in counts)


def test_snapshot_zip_holds_the_filtered_rows(page, shipped, tmp_path: Path) -> None:
    open_app(page, shipped, "?party=pak")
    caption = sidebar_caption(page)
    assert caption == (
        "1 party (Pakistan) · 5–12 Oct 2025 · verified and unverified · 8 of 17 events · "
        "18 of 18 claims · 2 of 2 crossing reports"
    )
    archive = download(page, "Download snapshot (ZIP)", tmp_path)
    assert archive.suffix == ".zip"
    folder = tmp_path / "snapshot"
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["filters"]["words"] == caption
    assert manifest["filters"]["params"] == {  # the default dates written out
        "party": ["pak"],
        "dates": ["2025-10-05", "2025-10-12"],
        "view": ["glance"],
    }
    snapshot = load_dataset(folder)
    assert snapshot.problems == []  # the party names beside the ids: ignored silently
    tables = snapshot.tables
    assert sum(len(tables[name]) for name in FACT_TABLES) == shown_rows(caption)
    events = tables["events"]
    assert len(events) > 0
    assert ((events["actor"] == "pak") | (events["target"] == "pak")).all()
    # every question Pakistan speaks on, with every side's position on it
    speaks = tables["claims"].groupby("topic_id")["party_id"].agg(lambda ids: "pak" in set(ids))
    assert speaks.all() and len(speaks) == 9
    assert set(tables["claims"]["party_id"]) > {"pak"}
    crossings = tables["crossings"]
    assert ((crossings["party_a"] == "pak") | (crossings["party_b"] == "pak")).all()
    assert set(tables["crossing_status"]["crossing_id"]) <= set(crossings["crossing_id"])


def test_events_csv_holds_the_filtered_events(page, shipped, tmp_path: Path) -> None:
    open_app(page, shipped, "?party=pak&verification=unverified&view=timeline")
    assert sidebar_caption(page) == (
        "1 party (Pakistan) · 5–12 Oct 2025 · unverified only · 8 of 17 events · "
        "18 of 18 claims · 2 of 2 crossing reports"
    )
    rows = csv_rows(download(page, "Download events (CSV)", tmp_path))
    assert len(rows) == 8
    for row in rows:
        assert "Pakistan" in (row["actor"], row["target"]), row["event_id"]
        assert row["verification"] != "✔ verified"
    assert "torkham-closed" not in {row["event_id"] for row in rows}  # no actor, no target


def test_events_csv_of_one_day(page, shipped, tmp_path: Path) -> None:
    open_app(page, shipped, "?dates=2025-10-12&dates=2025-10-12&view=timeline")
    caption = sidebar_caption(page)
    assert " · 12 Oct 2025 · " in caption
    rows = csv_rows(download(page, "Download events (CSV)", tmp_path))
    assert rows
    day = date(2025, 10, 12)
    for row in rows:  # each event's date range overlaps the chosen day
        assert date.fromisoformat(row["start"]) <= day <= date.fromisoformat(row["end"])
    assert {"torkham-closed", "afg-cross-border-attacks"} <= {row["event_id"] for row in rows}


def test_claims_csv_of_a_copied_link(page, shipped, tmp_path: Path) -> None:
    open_app(page, shipped, "?party=pak&verification=unverified&view=claims")
    rows = csv_rows(download(page, "Download claims (CSV)", tmp_path))
    # every side on each of the 9 questions Pakistan speaks on (silence included), Pakistan first
    assert len(rows) == 18
    firsts = {}
    for row in rows:
        firsts.setdefault(row["topic_id"], row["party"])
    assert len(firsts) == 9 and set(firsts.values()) == {"Pakistan"}


def test_brief_pdf_from_the_button_is_the_view_on_screen(page, shipped, tmp_path: Path) -> None:
    import pypdf

    open_app(page, shipped, "?party=pak&verification=unverified")
    caption = sidebar_caption(page)
    saved = download(page, "Download brief (PDF)", tmp_path)
    assert saved.suffix == ".pdf"
    reader = pypdf.PdfReader(saved)
    assert len(reader.pages) == 1
    text = "".join("".join(p.extract_text() for p in reader.pages).split())
    assert "".join(caption.split()) in text  # the same filters, in the same words
    # the link that reopens it, with the default dates written out
    assert "?party=pak&dates=2025-10-05&dates=2025-10-12&verification=unverified" in text
    assert "Crossingsclosed" in text and "Torkham" in text
