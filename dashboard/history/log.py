"""All versions of one data directory: those the history store recorded and the git
commits that touched it, in time order; the tables of any of them; the one a WHEN means."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.history.gitlog import git_versions, tables_at_commit, working_tree_clean
from dashboard.history.since import When, version_in_force
from dashboard.history.store import GIT, HistoryStore, Version


@dataclass
class VersionLog:
    """The versions of ``data_dir`` (``store`` None: git's only)."""

    data_dir: Path
    store: HistoryStore | None

    def versions(self) -> list[Version]:
        """Every known version, oldest first (recorded and committed, merged by time)."""
        recorded = self.store.versions(self.data_dir) if self.store is not None else []
        both = [*recorded, *git_versions(self.data_dir)]
        return sorted(both, key=lambda v: (v.time, v.kind != GIT))  # a commit precedes its sight

    def tables(self, version: Version) -> dict[str, pd.DataFrame]:
        """The canonical tables of one version."""
        if version.kind == GIT:
            return tables_at_commit(self.data_dir, version.id)
        return self.store.tables_at(self.data_dir, version.id)

    def previous(self, fingerprint: str, versions: list[Version] | None = None) -> Version | None:
        """The newest version that differs from the current files (fingerprint): recorded
        versions with the same content and, when the folder is as committed, the newest
        commit are the current version, not a previous one."""
        versions = self.versions() if versions is None else versions
        clean = working_tree_clean(self.data_dir) if any(v.kind == GIT for v in versions) else False
        newest_commit = next((v for v in reversed(versions) if v.kind == GIT), None)
        for version in reversed(versions):
            if version.kind == GIT and clean and version is newest_commit:
                continue
            if version.kind != GIT and version.fingerprint == fingerprint:
                continue
            return version
        return None

    def at(self, when: When, versions: list[Version] | None = None) -> tuple[Version | None, str]:
        """The version ``when`` names or was in force then, with a note when approximate."""
        return version_in_force(self.versions() if versions is None else versions, when)
