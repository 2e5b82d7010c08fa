"""The browser benchmark's samples and tables: seconds per action to the page settled, the
server's CPU time per action, Datasette's page in the same run, and the concurrency mode."""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass, field

FIRST_VISIT = "first page, first visit after start"
FIRST_PAGE = "first page"
DATASETTE_PAGE = "Datasette page, party filter"
DATASETTE_CSV = "Datasette CSV, party filter"
# Rows of the table: first pages, then the views and filters as met, then Datasette's.
ACTION_ORDER = {FIRST_VISIT: 0, FIRST_PAGE: 1, DATASETTE_PAGE: 3, DATASETTE_CSV: 4}
CLICK_PREFIXES = ("view ", "filter ")  # the actions that are clicks: view switches, filters


@dataclass
class Samples:
    """Seconds per action, in the order the actions were first measured."""

    times: dict[str, list[float]] = field(default_factory=dict)
    script: dict[str, list[float]] = field(default_factory=dict)  # input to script finished
    # The server process's CPU seconds per action, in rounds after the first (the view and
    # the filter's result are then in the shared memo) and in the first round.
    cpu: dict[str, list[float]] = field(default_factory=dict)
    cpu_first: dict[str, list[float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    party: str | None = None  # the party id the party change picked (read from the link)

    def add(self, action: str, seconds: float, script: float | None = None) -> None:
        self.times.setdefault(action, []).append(seconds)
        if script is not None:
            self.script.setdefault(action, []).append(script)

    def add_cpu(self, action: str, cpu_seconds: float, first_round: bool) -> None:
        (self.cpu_first if first_round else self.cpu).setdefault(action, []).append(cpu_seconds)

    def click_cpu(self) -> list[float]:
        """Server CPU seconds of every click measured with the memo warm (after the first
        round), or of every click when there was only one round."""
        source = self.cpu or self.cpu_first
        return [s for a, values in source.items() if a.startswith(CLICK_PREFIXES) for s in values]


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


def comparison_table(results: dict[str, Samples]) -> str:
    """One row per action; per data set its median and p90 to the page settled, the median
    to the end of the script run, the server's median CPU seconds (memo warm; first round in
    brackets), and the median as a multiple of Datasette's filtered page in the same run."""
    actions = {a for samples in results.values() for a in samples.times}
    actions = sorted(actions, key=lambda a: (ACTION_ORDER.get(a, 2), _first_seen(results, a)))
    columns = ("median s", "p90 s", "script s", "server CPU s", "x DS")
    header = ["action"] + [f"{label}: {column}" for label in results for column in columns]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for action in actions:
        cells = [action]
        for samples in results.values():
            values = samples.times.get(action)
            if not values:
                cells += ["–"] * len(columns)
                continue
            base = samples.times.get(DATASETTE_PAGE)
            script = samples.script.get(action)
            cells += [
                seconds(median(values)),
                seconds(p90(values)),
                seconds(median(script)) if script else "–",
                cpu_cell(samples, action),
                f"{median(values) / median(base):.2f}" if base else "–",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def cpu_cell(samples: Samples, action: str) -> str:
    warm, first = samples.cpu.get(action), samples.cpu_first.get(action)
    if not warm and not first:
        return "–"
    text = f"{median(warm):.3f}" if warm else "–"
    return text + (f" ({median(first):.3f})" if first else "")


def clicks_table(results: dict[str, Samples]) -> str:
    """Per data set: the server's CPU per click (view switches and filter changes, memo warm)
    and how many such clicks a second one core could serve."""
    lines = [
        "| data | clicks | server CPU per click, median s | p90 s | clicks/s one core serves |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, samples in results.items():
        cpu = samples.click_cpu()
        if not cpu:
            lines.append(f"| {label} | 0 | – | – | – |")
            continue
        per_second = 1 / median(cpu) if median(cpu) > 0 else float("inf")
        lines.append(
            f"| {label} | {len(cpu)} | {median(cpu):.3f} | {p90(cpu):.3f} | {per_second:.1f} |"
        )
    return "\n".join(lines)


def _first_seen(results: dict[str, Samples], action: str) -> int:
    for samples in results.values():
        if action in samples.times:
            return list(samples.times).index(action)
    return 0


@dataclass
class ConcurrencyResult:
    events: int
    rss_before_mb: float
    # (sessions, switch seconds, RSS MB after, server CPU seconds used by the mode)
    modes: list[tuple[int, list[float], float, float]]
    notes: list[str]


def concurrency_table(result: ConcurrencyResult) -> str:
    lines = [
        "| sessions | switches | median s | p90 s | max s | server CPU s per switch "
        "| server RSS MB |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        f"| 0 (started, no session yet) | – | – | – | – | – | {result.rss_before_mb:,.0f} |",
    ]
    for sessions, switches, rss, cpu in result.modes:
        stats = (
            [seconds(median(switches)), seconds(p90(switches)), seconds(max(switches))]
            if switches
            else ["–"] * 3
        )
        per = f"{cpu / len(switches):.3f}" if switches else "–"
        lines.append(
            f"| {sessions} | {len(switches)} | " + " | ".join(stats) + f" | {per} | {rss:,.0f} |"
        )
    if len(result.modes) == 2 and result.modes[1][0] > result.modes[0][0]:
        (one, _, rss_one, _), (many, _, rss_many, _) = result.modes
        per = (rss_many - rss_one) / (many - one)
        lines.append("")
        lines.append(
            f"Server memory per extra session: {per:,.1f} MB "
            f"(({rss_many:,.0f} - {rss_one:,.0f}) / {many - one}); the CPU per switch "
            "includes each session's first page."
        )
    return "\n".join(lines)


def report(
    results: dict[str, Samples], concurrency, rounds: int, quiet_ms: int, started: str
) -> str:
    lines = [
        f"Browser benchmark: {started}; {rounds} rounds.",
        "",
        "median s, p90 s: from the click (or navigation start) to the page settled: the "
        f"script finished and the DOM quiet for {quiet_ms} ms (the quiet spell not "
        "counted); script s: median from the click to the end of the app's script run; "
        "server CPU s: the streamlit process's own CPU time (user + system, /proc/PID/stat) "
        "from before the click to the page settled, median over the rounds after the first "
        "(the view in the shared memo), the first round in brackets; x DS: the median over "
        "Datasette's filtered page in the same run. Filters are changed with the sidebar "
        "widgets, on the glance view.",
        "",
        comparison_table(results),
    ]
    for label, samples in results.items():
        for note in dict.fromkeys(samples.notes):
            lines.append(f"- {label}: {note}")
    lines += ["", "Server CPU per click (view switches and filter changes):", ""]
    lines.append(clicks_table(results))
    if concurrency is not None:
        lines += [
            "",
            f"Concurrency at {concurrency.events:,} events (each session opens the first page "
            "and switches through every view once):",
            "",
            concurrency_table(concurrency),
        ]
        lines += [f"- {note}" for note in dict.fromkeys(concurrency.notes)]
    lines += ["", f"Load average at the end: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)."]
    return "\n".join(lines)
