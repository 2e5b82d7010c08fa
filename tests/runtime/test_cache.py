"""The warm-start cache: the same dataset as a fresh load, never stale, never in the way."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from dashboard.contract.dataset import Dataset
from dashboard.contract.loader import load_dataset
from dashboard.runtime import cache, cachedir
from dashboard.runtime.cache import load_dataset_cached, load_fingerprint
from tests.minidata import set_cell, write_mini_dataset


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def broken_dir(tmp_path: Path) -> Path:
    """The mini dataset with rejected rows, a warning and a title: every part of a Dataset."""
    directory = write_mini_dataset(tmp_path / "broken")
    set_cell(directory, "events", 3, "latitude", "123")
    set_cell(directory, "claims", 2, "verification", "rumoured")
    (directory / "datapackage.json").write_text(
        '{"name": "mini", "title": "Mini conflict", "description": "Invented, for tests"}',
        encoding="utf-8",
    )
    return directory


def assert_same_dataset(actual: Dataset, expected: Dataset) -> None:
    assert actual.data_dir == expected.data_dir
    assert (actual.title, actual.description, actual.name) == (
        expected.title,
        expected.description,
        expected.name,
    )
    assert list(actual.tables) == list(expected.tables)
    for name, frame in expected.tables.items():
        pd.testing.assert_frame_equal(actual.tables[name], frame, check_exact=True)
    assert actual.problems == expected.problems
    assert actual.counts == expected.counts
    assert actual.documents == expected.documents


def refuse_fresh_loads(monkeypatch) -> None:
    """From now on a load that does not come from the cache fails the test."""

    def fail(_directory):
        raise AssertionError("loaded from the CSV files, not from the cache")

    monkeypatch.setattr(cache, "load_dataset", fail)


def rewrite_in_place(path: Path, old: bytes, new: bytes) -> None:
    """Replace ``old`` by ``new`` (same length) in the file itself, then set its
    modification time back: same inode, size and mtime."""
    assert len(old) == len(new)
    before = path.stat()
    content = path.read_bytes()
    assert content.count(old) == 1
    with path.open("r+b") as handle:
        handle.seek(content.index(old))
        handle.write(new)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )


def test_a_warm_load_equals_a_fresh_load(broken_dir, cache_dir, monkeypatch) -> None:
    fresh = load_dataset(broken_dir)
    assert fresh.rows_rejected == 2 and fresh.documents  # the fixture has every part
    assert_same_dataset(load_dataset_cached(broken_dir, cache_dir), fresh)
    refuse_fresh_loads(monkeypatch)
    warm = load_dataset_cached(broken_dir, cache_dir)
    assert_same_dataset(warm, fresh)
    assert warm.tables["events"]["latitude"].dtype == "float64"
    assert str(warm.tables["events"]["date_start"].dtype) == "datetime64[s]"
    assert warm.tables["events"].index.name == "line"


def test_a_warm_load_on_synthetic_data_equals_a_fresh_load(tmp_path, cache_dir) -> None:
    from dashboard.synth.basic import write_synthetic

    directory = tmp_path / "synth"
    write_synthetic(directory, 3_000, seed=3)
    load_dataset_cached(directory, cache_dir)
    assert_same_dataset(load_dataset_cached(directory, cache_dir), load_dataset(directory))


def test_the_dataset_keeps_the_path_it_was_asked_for(mini_dir, cache_dir, monkeypatch) -> None:
    load_dataset_cached(mini_dir, cache_dir)
    refuse_fresh_loads(monkeypatch)
    other_spelling = mini_dir.parent / ".." / mini_dir.parent.name / mini_dir.name
    assert load_dataset_cached(other_spelling, cache_dir).data_dir == other_spelling


def test_an_in_place_edit_that_keeps_size_and_mtime_is_seen(mini_dir, cache_dir) -> None:
    load_dataset_cached(mini_dir, cache_dir)
    rewrite_in_place(mini_dir / "events.csv", b"Talks announced", b"Talks cancelled")
    titles = load_dataset_cached(mini_dir, cache_dir).tables["events"]["title"]
    assert list(titles) == [
        "Artillery fire near Millford",
        "Millford bridge closed",
        "Talks cancelled",
    ]


def test_a_large_file_edited_in_place_is_seen_beyond_its_hashed_ends(
    mini_dir, cache_dir, monkeypatch
) -> None:
    """Files above HASH_LIMIT are hashed by their ends only; the change time catches an
    edit in the middle."""
    monkeypatch.setattr(cache, "HASH_LIMIT", 64)
    monkeypatch.setattr(cache, "SAMPLE_BYTES", 16)
    load_dataset_cached(mini_dir, cache_dir)
    rewrite_in_place(mini_dir / "events.csv", b"Millford bridge closed", b"Millford bridge opened")
    titles = load_dataset_cached(mini_dir, cache_dir).tables["events"]["title"]
    assert "Millford bridge opened" in list(titles)


def test_a_replaced_file_with_the_old_size_and_mtime_is_seen(mini_dir, cache_dir) -> None:
    path = mini_dir / "parties.csv"
    load_dataset_cached(mini_dir, cache_dir)
    before = path.stat()
    replacement = mini_dir / "parties.new"
    replacement.write_bytes(path.read_bytes().replace(b"Northland", b"Nordlandx"))
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, path)
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    names = load_dataset_cached(mini_dir, cache_dir).tables["parties"]["name"]
    assert list(names) == ["Nordlandx", "Southland", "United Nations"]


def test_the_content_hash_tells_same_size_files_apart(tmp_path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_bytes(b"id\nalpha\n")
    second.write_bytes(b"id\nalphb\n")
    assert cache.content_hash(first, 9) != cache.content_hash(second, 9)
    second.write_bytes(b"id\nalpha\n")
    assert cache.content_hash(first, 9) == cache.content_hash(second, 9)


def test_the_load_fingerprint_sees_every_edit(mini_dir: Path) -> None:
    before = load_fingerprint(mini_dir)
    set_cell(mini_dir, "events", 1, "title", "A longer title than before")
    assert load_fingerprint(mini_dir) != before
    # an edit keeping size and modification time is seen too
    path = mini_dir / "parties.csv"
    before = load_fingerprint(mini_dir)
    stat = path.stat()
    text = path.read_text()
    path.write_text(text.replace("Northland", "Northlant"))  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert load_fingerprint(mini_dir) != before


def test_an_edited_document_changes_the_quote_check(mini_dir, cache_dir) -> None:
    assert not load_dataset_cached(mini_dir, cache_dir).problems
    rewrite_in_place(mini_dir / "doc.txt", b"destroyed 12", b"destroyed 13")
    warm = load_dataset_cached(mini_dir, cache_dir)
    quotes = {(p.file, p.line) for p in warm.problems if p.rule == "quote"}
    assert quotes == {("events.csv", 2), ("claims.csv", 2)}
    assert_same_dataset(warm, load_dataset(mini_dir))


def test_a_new_or_removed_table_is_seen(mini_dir, cache_dir) -> None:
    load_dataset_cached(mini_dir, cache_dir)
    (mini_dir / "crossing_status.csv").unlink()
    (mini_dir / "crossings.csv").unlink()
    assert "crossings" not in load_dataset_cached(mini_dir, cache_dir).tables
    write_mini_dataset(mini_dir)
    assert len(load_dataset_cached(mini_dir, cache_dir).tables["crossings"]) == 1


def test_a_changed_loader_does_not_use_old_entries(mini_dir, cache_dir, monkeypatch) -> None:
    load_dataset_cached(mini_dir, cache_dir)
    monkeypatch.setattr(cache, "code_hash", lambda: "another version of the code")
    calls = []
    monkeypatch.setattr(cache, "load_dataset", lambda d: calls.append(d) or load_dataset(d))
    load_dataset_cached(mini_dir, cache_dir)
    assert calls == [mini_dir]


def entries(cache_dir: Path) -> list[Path]:
    """The entries in the cache's own folder of ``cache_dir``."""
    folder = cache_dir / cachedir.ENTRIES_FOLDER
    return sorted(p for p in folder.iterdir() if cachedir.ENTRY_NAME.fullmatch(p.name))


def entry_files(cache_dir: Path) -> list[Path]:
    (entry,) = entries(cache_dir)
    return sorted(entry.iterdir())


@pytest.mark.parametrize(
    "damage",
    [
        "truncate",
        "garbage of the same size",
        "text overwritten",
        "meta not json",
        "meta of another dataset",
        "delete",
    ],
)
def test_a_damaged_entry_means_a_fresh_load(broken_dir, cache_dir, damage) -> None:
    fresh = load_dataset(broken_dir)
    load_dataset_cached(broken_dir, cache_dir)
    files = entry_files(cache_dir)
    events = next(p for p in files if p.name == "events.arrow")
    meta = next(p for p in files if p.name == cache.META_NAME)
    if damage == "truncate":
        events.write_bytes(events.read_bytes()[:-100])
    elif damage == "garbage of the same size":
        size = events.stat().st_size
        events.write_bytes((bytes(range(256)) * (size // 256 + 1))[:size])
    elif damage == "text overwritten":  # the file's structure intact, a title's bytes not
        content = events.read_bytes()
        title = b"Artillery fire near Millford"
        assert content.count(title) == 1
        events.write_bytes(content.replace(title, b"\xff" * len(title)))
    elif damage == "meta not json":
        meta.write_text("{not json", encoding="utf-8")
    elif damage == "meta of another dataset":
        meta.write_text('{"fingerprint": {}, "files": {}}', encoding="utf-8")
    else:
        events.unlink()
    assert_same_dataset(load_dataset_cached(broken_dir, cache_dir), fresh)
    assert_same_dataset(load_dataset_cached(broken_dir, cache_dir), fresh)  # rewritten


def test_off_writes_nothing(mini_dir, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv(cache.ENV_VAR, "off")
    assert_same_dataset(load_dataset_cached(mini_dir), load_dataset(mini_dir))
    assert not (tmp_path / "xdg").exists()


def test_the_default_place_is_the_user_cache_folder(mini_dir, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(cache.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_dataset_cached(mini_dir)
    names = [p.name for p in entry_files(tmp_path / "xdg" / "conflict-dashboard")]
    assert len(names) == 10 and "events.arrow" in names  # 7 tables, problems, meta, marker


def test_the_environment_variable_chooses_the_folder(mini_dir, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "chosen"))
    load_dataset_cached(mini_dir)
    assert (tmp_path / "chosen").is_dir()


def test_nothing_is_written_into_the_data_directory(mini_dir, monkeypatch) -> None:
    before = sorted(p.name for p in mini_dir.rglob("*"))
    assert cache.cache_root(mini_dir, mini_dir / ".cache") is None
    monkeypatch.setenv(cache.ENV_VAR, str(mini_dir / ".cache"))
    assert_same_dataset(load_dataset_cached(mini_dir), load_dataset(mini_dir))
    assert sorted(p.name for p in mini_dir.rglob("*")) == before


def test_old_entries_are_pruned(tmp_path, cache_dir, monkeypatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    folders = [write_mini_dataset(tmp_path / f"data-{n}") for n in range(3)]
    for folder in folders:
        load_dataset_cached(folder, cache_dir)
    kept = [p.name for p in entries(cache_dir)]
    assert kept == sorted(cache.entry_name(f) for f in folders[1:])


def test_a_missing_data_directory_still_says_so(tmp_path, cache_dir) -> None:
    from dashboard.contract.dataset import DataDirectoryError

    with pytest.raises(DataDirectoryError, match="does not exist"):
        load_dataset_cached(tmp_path / "nowhere", cache_dir)


def test_an_empty_folder_replaced_by_a_file_is_not_served(tmp_path, cache_dir) -> None:
    from dashboard.contract.dataset import DataDirectoryError

    folder = tmp_path / "empty"
    folder.mkdir()
    assert load_dataset_cached(folder, cache_dir).rows_kept == 0
    folder.rmdir()
    folder.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DataDirectoryError, match="is not a folder"):
        load_dataset_cached(folder, cache_dir)


def test_the_app_loads_through_the_cache(mini_dir, tmp_path, monkeypatch) -> None:
    """With DASHBOARD_CACHE_DIR set, the app's first run stores the data there, and a
    new server (a fresh store) gets the same dataset back from it."""
    from streamlit.testing.v1 import AppTest

    from dashboard.contract.dataset import PROJECT_ROOT

    cache = tmp_path / "cache"
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(cache))
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    fresh = load_dataset(mini_dir)
    at = AppTest.from_file(str(PROJECT_ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert [p.name for p in cache.iterdir()] != []
    refuse_fresh_loads(monkeypatch)  # what follows must come from the cache
    assert_same_dataset(load_dataset_cached(mini_dir, cache), fresh)
