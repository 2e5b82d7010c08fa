"""The warm-start cache deletes only what it wrote, never serves a damaged or planted entry,
never crashes on a file changed under it, and never serves half a file (issue 17: 1, 13, 14).
"""

from __future__ import annotations

import logging
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.contract.loader import load_dataset
from dashboard.runtime import cache, cachedir
from dashboard.runtime.cache import load_dataset_cached
from tests.minidata import write_mini_dataset
from tests.runtime.test_cache import assert_same_dataset, entries

FOREIGN_NAME = "0123456789abcdef0123456789abcdef"  # a folder named like an entry, not one


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def cache_warning(caplog) -> str:
    return " ".join(
        r.getMessage() for r in caplog.records if r.name == "dashboard.runtime.cachedir"
    )


# --- 1: the cache deletes only what it wrote ---------------------------------------------------


def test_a_cache_folder_holding_the_data_deletes_nothing(tmp_path, monkeypatch, caplog) -> None:
    """The red team's case: DASHBOARD_CACHE_DIR set to the data directory's parent, more
    data folders than entries. Every folder and file there before is there after."""
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    parent = tmp_path / "parent"
    folders = [write_mini_dataset(parent / f"data-{n}") for n in range(4)]
    (parent / "notes").mkdir()
    (parent / "notes" / "keep.txt").write_text("mine", encoding="utf-8")
    before = files_under(parent)
    monkeypatch.setenv(cache.ENV_VAR, str(parent))
    with caplog.at_level(logging.WARNING):
        for folder in folders:
            assert_same_dataset(load_dataset_cached(folder), load_dataset(folder))
    assert files_under(parent) == before
    assert "contains the data directory" in cache_warning(caplog)


def test_a_cache_folder_holding_seeds_is_refused(mini_dir, caplog) -> None:
    with caplog.at_level(logging.WARNING):
        assert cache.cache_root(mini_dir, PROJECT_ROOT) is None
    assert "contains the project's seeds/" in cache_warning(caplog)
    assert "DASHBOARD_CACHE_DIR" in cache_warning(caplog)


def test_pruning_leaves_folders_it_did_not_write(tmp_path, monkeypatch) -> None:
    """Folders named like entries, in the cache folder and in its own subfolder, that the
    cache did not write (no marker, or a link to a folder elsewhere) survive pruning, while
    the cache's own old entries go."""
    monkeypatch.setattr(cache, "MAX_ENTRIES", 1)
    cache_dir = tmp_path / "cache"
    load_dataset_cached(write_mini_dataset(tmp_path / "data-0"), cache_dir)
    own = cache_dir / cachedir.ENTRIES_FOLDER
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "meta.json").write_text("precious", encoding="utf-8")
    for folder in (cache_dir / FOREIGN_NAME, own / FOREIGN_NAME):
        folder.mkdir()
        (folder / "events.arrow").write_bytes(b"not the cache's")
    link = own / ("f" * 32)
    link.symlink_to(outside, target_is_directory=True)
    for folder in (cache_dir / FOREIGN_NAME, own / FOREIGN_NAME, link):
        os.utime(folder, ns=(0, 0), follow_symlinks=False)  # the oldest of all
    for n in (1, 2):
        load_dataset_cached(write_mini_dataset(tmp_path / f"data-{n}"), cache_dir)
    kept = [p.name for p in entries(cache_dir) if not p.is_symlink()]
    assert kept == sorted([FOREIGN_NAME, cache.entry_name(tmp_path / "data-2")])
    assert link.is_symlink()
    for folder in (cache_dir / FOREIGN_NAME, own / FOREIGN_NAME):
        assert (folder / "events.arrow").read_bytes() == b"not the cache's"
    assert (outside / "meta.json").read_text(encoding="utf-8") == "precious"


def test_an_entry_the_cache_did_not_write_is_not_replaced(mini_dir, tmp_path) -> None:
    cache_dir = tmp_path / "cache"
    load_dataset_cached(mini_dir, cache_dir)
    (entry,) = entries(cache_dir)
    (entry / cachedir.MARKER_NAME).write_text("someone else's\n", encoding="utf-8")
    (entry / "notes.txt").write_text("mine", encoding="utf-8")
    assert_same_dataset(load_dataset_cached(mini_dir, cache_dir), load_dataset(mini_dir))
    assert (entry / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (entry / cachedir.MARKER_NAME).read_text(encoding="utf-8") == "someone else's\n"


def test_a_foreign_folder_of_the_cache_subfolder_name_is_refused(mini_dir, tmp_path, caplog):
    cache_dir = tmp_path / "cache"
    (cache_dir / cachedir.ENTRIES_FOLDER).mkdir(parents=True)
    (cache_dir / cachedir.ENTRIES_FOLDER / "thesis.txt").write_text("mine", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert_same_dataset(load_dataset_cached(mini_dir, cache_dir), load_dataset(mini_dir))
    assert "was not made by the dashboard" in cache_warning(caplog)
    assert files_under(cache_dir) == [
        cachedir.ENTRIES_FOLDER,
        f"{cachedir.ENTRIES_FOLDER}/thesis.txt",
    ]


# --- 13: integrity -------------------------------------------------------------------------------

TRUNCATE_AFTER_LOAD = """
import sys
from pathlib import Path
from dashboard.runtime.cache import load_dataset_cached
data_dir, cache_dir = Path(sys.argv[1]), Path(sys.argv[2])
load_dataset_cached(data_dir, cache_dir)
dataset = load_dataset_cached(data_dir, cache_dir)  # from the cache
for path in cache_dir.rglob("*.arrow"):
    with open(path, "r+b") as handle:
        handle.truncate(0)
size = sum(len(frame.to_csv()) for frame in dataset.tables.values())  # every value
print("still here", size)
"""


def test_truncating_a_cache_file_after_a_warm_load_does_not_crash(mini_dir, tmp_path) -> None:
    """The data of a warm load must not live in the cache's files: truncating them used to
    end the process with SIGBUS at the next read of a mapped column."""
    result = subprocess.run(
        [sys.executable, "-c", TRUNCATE_AFTER_LOAD, str(mini_dir), str(tmp_path / "cache")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("still here")


def only_file(cache_dir: Path, name: str) -> Path:
    (path,) = cache_dir.rglob(name)
    return path


def test_a_same_length_edit_of_a_number_is_not_served(mini_dir, tmp_path) -> None:
    cache_dir = tmp_path / "cache"
    load_dataset_cached(mini_dir, cache_dir)
    events = only_file(cache_dir, "events.arrow")
    content = events.read_bytes()
    assert content.count(struct.pack("<d", 45.5)) == 1
    events.write_bytes(content.replace(struct.pack("<d", 45.5), struct.pack("<d", 55.5)))
    warm = load_dataset_cached(mini_dir, cache_dir)
    assert warm.tables["events"]["latitude"].iloc[0] == 45.5
    assert_same_dataset(warm, load_dataset(mini_dir))
    assert struct.pack("<d", 45.5) in only_file(cache_dir, "events.arrow").read_bytes()  # redone


def test_a_same_length_edit_of_the_stored_title_is_not_served(mini_dir, tmp_path) -> None:
    cache_dir = tmp_path / "cache"
    fresh = load_dataset_cached(mini_dir, cache_dir)
    meta = only_file(cache_dir, cache.META_NAME)
    title = fresh.title.encode()
    meta.write_bytes(meta.read_bytes().replace(title, title.upper()))
    assert load_dataset_cached(mini_dir, cache_dir).title == fresh.title


def plant_entry(mini_dir: Path, cache_dir: Path, monkeypatch) -> None:
    """An entry for ``mini_dir``'s current files, whole and consistent, whose data is not
    what the files say: as another user with write access to the folder could leave."""
    planted = load_dataset(mini_dir)
    planted.title = "Planted"
    with monkeypatch.context() as patch:
        patch.setattr(cache, "load_dataset", lambda _directory: planted)
        load_dataset_cached(mini_dir, cache_dir)


def test_an_entry_in_a_folder_others_can_write_is_not_served(mini_dir, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    plant_entry(mini_dir, cache_dir, monkeypatch)
    assert load_dataset_cached(mini_dir, cache_dir).title == "Planted"  # the cache works
    for folder in [cache_dir, *(p for p in cache_dir.rglob("*") if p.is_dir())]:
        folder.chmod(0o777)
    assert load_dataset_cached(mini_dir, cache_dir).title == load_dataset(mini_dir).title
    cache_dir.chmod(0o1777)  # sticky, as /tmp: others cannot swap folders, but could write in
    assert load_dataset_cached(mini_dir, cache_dir).title == load_dataset(mini_dir).title


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o757])
def test_a_cache_folder_others_can_write_is_refused_with_a_message(
    mini_dir, tmp_path, caplog, mode
):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    (shared / cachedir.ENTRIES_FOLDER).mkdir(mode=0o700)
    (shared / cachedir.ENTRIES_FOLDER).chmod(mode)
    with caplog.at_level(logging.WARNING):
        assert_same_dataset(load_dataset_cached(mini_dir, shared), load_dataset(mini_dir))
    assert "writable by" in cache_warning(caplog) and "Loading without it" in cache_warning(caplog)
    assert list((shared / cachedir.ENTRIES_FOLDER).iterdir()) == []


def test_a_sticky_shared_folder_holds_a_private_cache(mini_dir, tmp_path, monkeypatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    load_dataset_cached(mini_dir, shared)
    folder = shared / cachedir.ENTRIES_FOLDER
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / cachedir.TAG_NAME).read_text(encoding="utf-8").startswith("Signature: ")
    monkeypatch.setattr(cache, "load_dataset", lambda _d: pytest.fail("not from the cache"))
    assert load_dataset_cached(mini_dir, shared).title == load_dataset(mini_dir).title


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_an_entries_folder_of_another_user_is_refused(mini_dir, tmp_path, monkeypatch, caplog):
    cache_dir = tmp_path / "cache"
    plant_entry(mini_dir, cache_dir, monkeypatch)
    for path in [
        cache_dir / cachedir.ENTRIES_FOLDER,
        *(cache_dir / cachedir.ENTRIES_FOLDER).rglob("*"),
    ]:
        os.chown(path, 65534, 65534)
    with caplog.at_level(logging.WARNING):
        assert load_dataset_cached(mini_dir, cache_dir).title == load_dataset(mini_dir).title
    assert "belongs to another user" in cache_warning(caplog)


# --- 14: a file changed during the load ----------------------------------------------------------


@pytest.mark.parametrize("cache_setting", ["cache", "off"])
def test_a_file_rewritten_during_the_load_is_read_again(
    mini_dir, tmp_path, monkeypatch, cache_setting
):
    """A writer rewrites events.csv in place while the first load reads it: that load saw
    half the file. The dashboard notices the change and reads the whole file again."""
    monkeypatch.setattr(cache, "RETRY_PAUSE_S", 0, raising=False)
    events = mini_dir / "events.csv"
    whole = events.read_bytes()
    half = whole[: whole.index(b"\n", len(whole) // 2) + 1]
    calls: list[int] = []

    def load_while_rewritten(directory):
        calls.append(1)
        if len(calls) > 1:
            return load_dataset(directory)
        events.write_bytes(half)  # the writer has truncated the file and written half
        seen = load_dataset(directory)
        events.write_bytes(whole)  # and finishes
        assert seen.counts["events"].read < 3
        return seen

    monkeypatch.setattr(cache, "load_dataset", load_while_rewritten)
    cache_dir = tmp_path / "cache" if cache_setting == "cache" else "off"
    dataset = load_dataset_cached(mini_dir, cache_dir)
    assert len(dataset.tables["events"]) == 3 and len(calls) == 2
    assert_same_dataset(dataset, load_dataset(mini_dir))


@pytest.mark.parametrize("setting, attempts", [(None, 3), ("2", 2), ("0", 3), ("x", 3)])
def test_files_that_keep_changing_are_shown_with_a_warning(
    mini_dir, tmp_path, monkeypatch, setting, attempts
):
    monkeypatch.setattr(cache, "RETRY_PAUSE_S", 0)
    if setting is not None:
        monkeypatch.setenv("DASHBOARD_LOAD_ATTEMPTS", setting)
    events = mini_dir / "events.csv"
    calls: list[int] = []

    def load_while_appending(directory):
        calls.append(1)
        seen = load_dataset(directory)
        with events.open("ab") as handle:
            handle.write(b"\n")  # a blank line: the file changes, its rows do not
        return seen

    monkeypatch.setattr(cache, "load_dataset", load_while_appending)
    dataset = load_dataset_cached(mini_dir, tmp_path / "cache")
    assert len(calls) == attempts
    first = dataset.problems[0]
    assert (first.rule, first.severity, first.file) == ("changing", "warning", "mini")
    assert f"changed while they were being read, {attempts} times in a row" in first.message
    assert "DASHBOARD_LOAD_ATTEMPTS" in first.message
    assert len(dataset.tables["events"]) == 3  # the rows as last read
    assert entries(tmp_path / "cache") == []  # an unsettled load is never stored
