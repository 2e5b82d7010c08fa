"""Hardening (issue 10): bad input never takes the dashboard down, nothing private reaches
viewers, and memory and time stay bounded. Each test reproduces a failure seen before."""

from __future__ import annotations

import gc
import io
import json
import os
import tomllib
import weakref
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import cli
from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.contract.loader import load_dataset
from dashboard.export.snapshot import build_snapshot
from dashboard.query.filters import Filters, apply_filters
from dashboard.query.linkcheck import link_notices
from dashboard.query.params import VIEWS
from dashboard.runtime.cache import load_fingerprint
from dashboard.runtime.store import DatasetStore
from tests.minidata import read_rows, set_cell, write_table

APP = str(PROJECT_ROOT / "dashboard" / "app.py")


def validate(directory: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = cli.main(["validate", str(directory)], out=out)
    return code, out.getvalue().splitlines()


def every_view_renders(directory: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(directory))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    for view in VIEWS:
        at.segmented_control(key="view").set_value(view).run()
        assert not at.exception, (view, [e.value for e in at.exception])
        assert not at.error, (view, [e.value for e in at.error])
    return at


# --- never down on bad input ----------------------------------------------------------


def test_a_date_before_year_one_is_rejected(mini_dir: Path, monkeypatch) -> None:
    set_cell(mini_dir, "events", 1, "date_start", "0000-01-01")
    code, lines = validate(mini_dir)
    assert code == 1
    assert (
        "events.csv:2: date_start: must be a real date written YYYY-MM-DD (value: '0000-01-01')"
        in lines
    )
    every_view_renders(mini_dir, monkeypatch)


def test_a_header_name_over_the_csv_field_limit_is_a_problem(mini_dir: Path, monkeypatch):
    rows = read_rows(mini_dir, "parties")
    write_table(mini_dir, "parties", [[*rows[0], "x" * 140_000], *[[*r, ""] for r in rows[1:]]])
    code, lines = validate(mini_dir)
    assert code == 1
    assert any(
        line.startswith("parties.csv:1: header row cannot be read: it is longer than 10,000")
        for line in lines
    )
    every_view_renders(mini_dir, monkeypatch)


@pytest.mark.parametrize(
    ("descriptor", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "it nests too deeply"),
        ('{"title": "\\ud800x"}', "its title is not valid Unicode text"),
    ],
)
def test_an_unusable_descriptor_is_a_warning_and_the_folder_names_the_data(
    mini_dir: Path, monkeypatch, descriptor: str, reason: str
) -> None:
    (mini_dir / "datapackage.json").write_text(descriptor, encoding="utf-8")
    code, lines = validate(mini_dir)
    assert code == 0
    assert (
        f"datapackage.json: datapackage.json cannot be used ({reason}); the folder name is "
        "used as title" in lines
    )
    dataset = load_dataset(mini_dir)
    assert dataset.title == "mini"
    archive = zipfile.ZipFile(
        io.BytesIO(build_snapshot(dataset, apply_filters(dataset, Filters())))
    )
    assert json.loads(archive.read("manifest.json"))["dataset"] == "mini"
    at = every_view_renders(mini_dir, monkeypatch)
    assert at.title[0].value == "mini"


def test_a_failing_view_shows_a_short_message_and_the_others_work(mini_dir, monkeypatch):
    from dashboard.ui import views

    def broken(page) -> None:
        raise RuntimeError("secret /srv/path in a traceback")

    monkeypatch.setitem(views.RENDERERS, "map", broken)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["view"] = "map"
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "The map view could not be shown. The other views still work; the details are in "
        "the server's log."
    ]
    at.segmented_control(key="view").set_value("timeline").run()
    assert not at.exception and not at.error
    assert len(at.dataframe[0].value) == 3


# --- nothing private shown ------------------------------------------------------------


def test_server_config_hides_tracebacks_and_listens_on_loopback() -> None:
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["address"] == "127.0.0.1"


def test_quality_view_and_manifest_never_show_an_absolute_path(mini_dir: Path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["view"] = "quality"
    at.run()
    assert "Data directory\\: mini" in [c.value for c in at.caption]  # escaped Markdown
    assert all(str(mini_dir.parent) not in c.value for c in at.caption)
    dataset = load_dataset(mini_dir)
    archive = zipfile.ZipFile(
        io.BytesIO(build_snapshot(dataset, apply_filters(dataset, Filters())))
    )
    assert json.loads(archive.read("manifest.json"))["data_dir"] == "mini"
    assert load_dataset(PROJECT_ROOT / "data").shown_dir == "data"


def test_a_table_linked_outside_the_data_directory_is_refused_unread(
    mini_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("party_id,name,role\nroot,x:0:0:root:/root:/bin/bash,belligerent\n")
    (mini_dir / "parties.csv").unlink()
    (mini_dir / "parties.csv").symlink_to(secret)
    code, lines = validate(mini_dir)
    assert code == 1
    assert (
        "parties.csv: table file is a link to a place outside the data directory; refused unread"
        in lines
    )
    assert not any("x:0:0" in line for line in lines)
    every_view_renders(mini_dir, monkeypatch)


# --- bounded memory and time ----------------------------------------------------------


def test_oversized_documents_and_tables_are_refused_with_the_variable_named(
    mini_dir: Path, monkeypatch
) -> None:
    monkeypatch.setenv("DASHBOARD_MAX_DOCUMENT_MB", "1")
    monkeypatch.setenv("DASHBOARD_MAX_TABLE_MB", "1")
    (mini_dir / "doc.txt").write_bytes(b"\0" * (2 * 1024 * 1024))
    rows = read_rows(mini_dir, "events")
    write_table(mini_dir, "events", rows + [rows[1]] * 8_000)  # over 1 MB
    code, lines = validate(mini_dir)
    assert code == 1
    assert (
        "sources.csv:2: document: document file is 2 MB, more than the limit of 1 MB set by "
        "DASHBOARD_MAX_DOCUMENT_MB; refused unread (quotes citing this source are not "
        "checked) (value: 'doc.txt')" in lines
    )
    assert any(
        line.startswith("events.csv: table file is ")
        and line.endswith(
            "more than the limit of 1 MB set by DASHBOARD_MAX_TABLE_MB; refused unread"
        )
        for line in lines
    )


def test_the_store_keeps_one_version_per_data_directory(mini_dir: Path) -> None:
    loads: list[int] = []

    def load(directory: str):
        loads.append(1)
        return load_dataset(directory)

    store = DatasetStore(load)
    first = store.get(str(mini_dir), load_fingerprint(mini_dir))
    released = weakref.ref(first)
    del first
    for edit in range(5):
        set_cell(mini_dir, "events", 1, "title", f"edit {edit}")
        store.get(str(mini_dir), load_fingerprint(mini_dir))
    store.get(str(mini_dir), load_fingerprint(mini_dir))  # unchanged: not loaded again
    gc.collect()
    assert len(loads) == 6
    assert store.versions(str(mini_dir)) == 1
    assert released() is None  # the first version was let go


def test_an_edit_keeping_size_and_modification_time_is_seen(mini_dir: Path) -> None:
    path = mini_dir / "parties.csv"
    before = load_fingerprint(mini_dir)
    stat = path.stat()
    text = path.read_text()
    path.write_text(text.replace("Northland", "Northlant"))  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert load_fingerprint(mini_dir) != before


def test_two_values_for_a_single_value_parameter_give_a_notice() -> None:
    params = {"view": ["claims", "map"], "verification": ["verified", "unverified"]}
    assert link_notices(params, ["north"]) == [
        "the link gives verification 2 values ('verified', 'unverified'); it takes one, so "
        "only the first is read, and 'verified' is used",
        "the link gives view 2 values ('claims', 'map'); it takes one, so only the first is "
        "read, and 'claims' is used",
    ]
