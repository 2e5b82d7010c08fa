"""The browser benchmark's data and servers: a synthetic data directory of either profile,
the same events in SQLite for Datasette, and the dashboard and Datasette processes, with
their resident memory and the CPU time they have used, read from their own counters."""

from __future__ import annotations

import contextlib
import csv
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dashboard.runtime import serve
from dashboard.runtime.serve import free_port, launch, stop_process, wait_for_answer

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
STARTUP_SECONDS = 120
NUMBER_COLUMNS = ("latitude", "longitude")
PROFILES = ("basic", "realistic")  # the profiles of `python -m dashboard synth`
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- data -----------------------------------------------------------------------------------


def write_synthetic(events: int, out: Path, profile: str = "basic") -> None:
    command = [sys.executable, "-m", "dashboard", "synth", "--profile", profile]
    subprocess.run(
        [*command, "--events", str(events), "--out", str(out)],
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
        stop_process(self.process)

    def cpu_seconds(self) -> float:
        """The CPU time (user + system) the server process has used so far, from its own
        counters (/proc/PID/stat), so a busy browser on the same machine does not count."""
        stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()  # after the command's name
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime

    def rss_mb(self) -> float:
        """The server process's resident memory (VmRSS) in MiB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024


def start_process(command: list[str], url: str, health: str, expected: str | None, log: Path):
    """Start a server at ``url`` and wait until ``url + health`` answers (``expected`` text,
    if given)."""
    process = launch(command, log)
    wait_for_answer(process, url + health, expected, log, STARTUP_SECONDS)
    return Server(url, process, log)


def start_dashboard(data_dir: Path, log: Path) -> Server:
    url, process = serve.start_dashboard(data_dir, log, STARTUP_SECONDS)
    return Server(url, process, log)


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


def expected_views(data_dir: Path) -> tuple[str, ...]:
    """The views the app offers on ``data_dir``: the link's list of views (VIEWS in
    dashboard/query/params.py) less those whose optional tables the directory lacks, so a
    view added to the list is measured without a change here."""
    from dashboard.query.viewlist import available_views

    return available_views({path.stem for path in data_dir.glob("*.csv")})
