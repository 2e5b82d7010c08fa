"""Capacity benchmark: view switches per second served by 1, 2 and 3 replicas behind HAProxy.
Not a test.

    python -m bench.replica_benchmark [--events 10000] [--replicas 1 2 3] [--sessions 8]
                                      [--seconds 40]

A synthetic data directory of ``--events`` events is written to a temporary folder. For each
replica count, ``dashboard.runtime.serve.Deployment`` (what ``python -m dashboard serve`` runs)
starts the replicas and HAProxy on loopback, and ``--sessions`` sessions connect through
HAProxy at once. Each session is a WebSocket speaking Streamlit's own protocol (the
``BackMsg``/``ForwardMsg`` protobufs Streamlit ships): a "click" asks for a run of the next
view (``rerun_script`` with ``?view=...``, as a page sends when the view changes) and waits
for ``script_finished``. A browser is not used for the load: on two cores Chromium's own
work would take the CPU the replicas need. After one warm-up round (each session loads every
view once) the sessions click without pause for ``--seconds`` seconds.

Printed per replica count: clicks served per second, the median and p90 wait per click,
the replicas' CPU per click (utime + stime from /proc/PID/stat, added over the replica
processes, divided by the clicks), the replicas' and HAProxy's CPU use in cores, and the load
generator's. Capacity grows with replicas only while cores are free: one replica is one
Python process, which a lock lets use about one core.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.machine import machine_line
from dashboard.contract.loader import load_dataset
from dashboard.query.viewlist import available_views
from dashboard.runtime.serve import Deployment, free_port

TICKS = os.sysconf("SC_CLK_TCK")
SYNTH = (sys.executable, "-m", "dashboard", "synth", "--events")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process, from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


@dataclass
class Load:
    """What the sessions of one run share: the start signal, the end, the clicks."""

    sessions: int
    warm: int = 0
    started: asyncio.Event = field(default_factory=asyncio.Event)
    stop_at: float = 0.0
    clicks: int = 0
    failures: int = 0
    waits: list[float] = field(default_factory=list)


async def one_session(url: str, views: tuple[str, ...], load: Load) -> None:
    """Connect, load every view once, wait for the others, then switch views until the end."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async def click(socket, view: str) -> bool:
        message = BackMsg()
        message.rerun_script.query_string = f"view={view}"
        await socket.send(message.SerializeToString())
        while True:
            answer = ForwardMsg.FromString(await socket.recv())
            if answer.WhichOneof("type") == "script_finished":
                return answer.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY

    address = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(address, subprotocols=["streamlit"], max_size=None) as socket:
        for view in views:  # warm-up: not counted
            await click(socket, view)
        load.warm += 1
        await load.started.wait()
        turn = 0
        while time.monotonic() < load.stop_at:
            began = time.monotonic()
            ok = await click(socket, views[turn % len(views)])
            turn += 1
            if time.monotonic() > load.stop_at:
                break  # finished after the end: not counted
            load.waits.append(time.monotonic() - began)
            load.clicks += ok
            load.failures += not ok


async def drive(url: str, views: tuple[str, ...], sessions: int, seconds: float, pids) -> dict:
    """Warm every session up, then measure ``seconds`` of clicking."""
    load = Load(sessions)
    tasks = [asyncio.create_task(one_session(url, views, load)) for _ in range(sessions)]
    while load.warm < sessions:
        await asyncio.sleep(0.2)
        for task in tasks:
            if task.done() and task.exception():
                raise task.exception()
    cpu_before = {pid: cpu_seconds(pid) for pid in pids}
    own_before = time.process_time()
    began = time.monotonic()
    load.stop_at = began + seconds
    load.started.set()
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - began
    return {
        "load": load,
        "elapsed": elapsed,
        "cpu": {pid: cpu_seconds(pid) - before for pid, before in cpu_before.items()},
        "own_cpu": time.process_time() - own_before,
    }


def measure(replicas: int, data_dir: Path, sessions: int, seconds: float) -> dict:
    deployment = Deployment(replicas, free_port(), data_dir)
    deployment.start()
    try:
        views = available_views(load_dataset(data_dir).tables)
        pids = [replica.pid for replica in deployment.members]
        result = asyncio.run(
            drive(deployment.url, views, sessions, seconds, [*pids, deployment.haproxy.pid])
        )
        result["replica_pids"] = pids
        result["haproxy_pid"] = deployment.haproxy.pid
        return result
    finally:
        deployment.stop()
        deployment.remove_run_dir()


def row(replicas: int, result: dict) -> str:
    load: Load = result["load"]
    elapsed = result["elapsed"]
    replica_cpu = sum(result["cpu"][pid] for pid in result["replica_pids"])
    per_click = replica_cpu / load.clicks * 1000 if load.clicks else float("nan")
    waits = sorted(load.waits) or [float("nan")]
    p90 = waits[min(len(waits) - 1, int(0.9 * len(waits)))]
    return (
        f"| {replicas} | {load.clicks / elapsed:.1f} | {statistics.median(waits):.2f} s | "
        f"{p90:.2f} s | {per_click:.0f} ms | {replica_cpu / elapsed:.2f} | "
        f"{result['cpu'][result['haproxy_pid']] / elapsed:.2f} | "
        f"{result['own_cpu'] / elapsed:.2f} | {load.failures} |"
    )


HEADER = (
    "| replicas | clicks/s | median wait | p90 wait | replica CPU per click | replicas' CPU "
    "(cores) | HAProxy (cores) | load generator (cores) | failed |\n"
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.replica_benchmark")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=40.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="replica-bench-") as folder:
        data_dir = Path(folder) / "data"
        subprocess.run(
            [*SYNTH, str(args.events), "--out", str(data_dir)],
            check=True,
            capture_output=True,
        )
        lines = [HEADER]
        for replicas in args.replicas:
            lines.append(row(replicas, measure(replicas, data_dir, args.sessions, args.seconds)))
            print(lines[-1], flush=True)
    print(
        f"\n{args.events} events, {args.sessions} sessions clicking without pause for "
        f"{args.seconds:.0f} s per row; {machine_line()} at the end"
    )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
