"""Profile the app's reruns per view with py-spy. Not a test.

    python -m bench.profile_views --data-dir DIR [--views glance claims ...] [--reruns 15]
        [--out FOLDER] [--top 12]

For each view a fresh process runs the app under Streamlit's AppTest on DIR: a first run
(the load, which the app caches), a switch to the view and one more run, all unprofiled.
Then it attaches ``py-spy record -f raw`` to itself and reruns the app ``--reruns`` times
unchanged: the work of a rerun in that view, which is what every click on a view or a
filter costs on the server before the browser draws anything. The app code runs in
Streamlit's script thread, so only samples whose stack passes through the app script count.

It prints, per view, the median rerun time and two lists of shares of the rerun samples:
the functions with the most inclusive time (the project's own, and the libraries' entry
points) and the packages where the time is spent (the innermost Python frame's package).
The raw py-spy files stay in ``--out`` for a closer look (``flamegraph.pl`` reads them).
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from dashboard.query.params import VIEWS  # every view of the link, new ones included

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP = PROJECT_ROOT / "dashboard" / "app.py"
PY_SPY = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")
APP_FRAME = re.compile(r"\((?:dashboard/)?(?:app\.py|ui/[^:]*\.py)[:)]")
GENERATED = re.compile(r"^<attrs generated methods (?P<module>[\w]+)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_views")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--views", nargs="+", default=list(VIEWS))
    parser.add_argument("--reruns", type=int, default=15)
    parser.add_argument("--out", help="folder for the raw profiles (default: a temporary one)")
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--rate", type=int, default=100, help="samples per second")
    parser.add_argument("--one-view", help=argparse.SUPPRESS)
    parser.add_argument("--raw", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_view:
        return profile_one_view(args)
    out = Path(args.out or tempfile.mkdtemp(prefix="profile-views-"))
    out.mkdir(parents=True, exist_ok=True)
    for view in args.views:
        raw = out / f"{view}.txt"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.profile_views",
                "--data-dir",
                args.data_dir,
                "--reruns",
                str(args.reruns),
                "--rate",
                str(args.rate),
                "--one-view",
                view,
                "--raw",
                str(raw),
            ],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if result.returncode != 0:
            print(f"## {view}: failed\n\n```\n{result.stderr[-2000:]}\n```\n")
            continue
        print(f"## {view}\n\n{result.stdout.strip()}\n")
        print(summarise(raw.read_text(), args.top))
        print()
    print(f"Raw profiles: {out}")
    return 0


def profile_one_view(args: argparse.Namespace) -> int:
    """In this process: warm up, attach py-spy, rerun, detach; print the rerun times."""
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DATA_DIR"] = args.data_dir
    at = AppTest.from_file(str(APP), default_timeout=900)
    at.run()
    at.segmented_control(key="view").set_value(args.one_view).run()
    at.run()
    _check(at)
    pid = str(os.getpid())
    spy = subprocess.Popen(
        [PY_SPY, "record", "-f", "raw", "-o", args.raw, "-r", str(args.rate), "--pid", pid],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    time.sleep(1.5)  # let py-spy attach before the first rerun
    times = []
    try:
        for _ in range(args.reruns):
            started = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - started)
            _check(at)
    finally:
        spy.send_signal(signal.SIGINT)  # py-spy writes its file on SIGINT
        spy.wait(timeout=120)
    print(
        f"{args.reruns} reruns of the {args.one_view} view: median "
        f"{statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f}; "
        "AppTest's own overhead included, py-spy sampling too)"
    )
    return 0


def _check(at) -> None:
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])


def parse_raw(text: str) -> list[tuple[list[str], int]]:
    """py-spy's raw (collapsed) stacks: outermost frame first, and a sample count."""
    stacks = []
    for line in text.splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks.append((stack.split(";"), int(count)))
    return stacks


def frame_parts(frame: str) -> tuple[str, str]:
    """(function, file) of a py-spy frame ``function (file:line)``."""
    match = FRAME.match(frame)
    return (match["function"], match["file"]) if match else (frame, "")


def package_of(file: str) -> str:
    """The package of a frame's file as py-spy shortens it ('altair/utils/schemapi.py' is
    altair, 'threading.py' the standard library's threading)."""
    generated = GENERATED.match(file)
    if generated:
        return generated["module"]
    if file.startswith("<"):
        return "(built-in)"
    return file.split("/", 1)[0].removesuffix(".py")


def summarise(raw: str, top: int) -> str:
    """Shares of the app's samples: the project's functions and each package inclusive
    (anywhere in the stack below the app script), and each package's self time."""
    stacks = [(frames, n) for frames, n in parse_raw(raw) if any(map(APP_FRAME.search, frames))]
    total = sum(n for _, n in stacks)
    if not total:
        return "(no samples in the app script)"
    own: Counter[str] = Counter()
    calls: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    self_time: Counter[str] = Counter()
    for frames, n in stacks:
        start = next(i for i, f in enumerate(frames) if APP_FRAME.search(f))
        parts = [frame_parts(frame) for frame in frames[start + 1 :]]
        for key in {
            f"{function} ({file})" for function, file in parts if file.startswith("dashboard/")
        }:
            own[key] += n
        for key in _library_calls(parts):
            calls[key] += n
        for package in {package_of(file) for _, file in parts}:
            packages[package] += n
        self_time[package_of(frame_parts(frames[-1])[1])] += n
    lines = [f"{total} samples in the app script.", ""]
    lines += _share_table("project function (inclusive)", own, total, top, code=True)
    lines += ["", *_share_table("library call from the project (inclusive)", calls, total, top)]
    lines += ["", *_share_table("package (inclusive)", packages, total, top)]
    lines += ["", *_share_table("package (self time)", self_time, total, top)]
    return "\n".join(lines)


def _library_calls(parts: list[tuple[str, str]]) -> set[str]:
    """Where the project's code calls into a library: 'caller → library function (file)'."""
    calls = set()
    parts = [(f, file) for f, file in parts if f != "gather_metrics.<locals>.wrapped_func"]
    for (caller, caller_file), (callee, callee_file) in itertools.pairwise(parts):
        if caller_file.startswith("dashboard/") and not callee_file.startswith("dashboard/"):
            calls.add(f"`{caller}` → `{callee} ({callee_file})`")
    return calls


def _share_table(title: str, counts: Counter[str], total: int, top: int, code=False) -> list:
    lines = [f"| {title} | share |", "| --- | --- |"]
    for key, n in counts.most_common(top):
        lines.append(f"| {f'`{key}`' if code else key} | {n / total:.0%} |")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
