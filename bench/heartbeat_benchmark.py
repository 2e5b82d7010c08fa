"""What the reconnect fragment costs an idle page: server CPU per idle session per minute.
Not a test.

    python -m bench.heartbeat_benchmark [--sessions 20] [--seconds 60] [--every 5 600]

The app registers an empty fragment with ``run_every`` (dashboard/ui/heartbeat.py) so that a
page that reconnects to another replica runs the app there. Its timer lives in the page: every
interval the page sends a ``rerun_script`` for the fragment, and the server runs it. This
benchmark starts one replica behind HAProxy (``dashboard.runtime.serve.Deployment``), opens
``--sessions`` sessions over Streamlit's own WebSocket protocol, loads the app once in each,
then keeps them idle for ``--seconds`` seconds, sending the fragment's rerun request every
``--every`` seconds as the page's timer does (the fragment id comes from the server's
``auto_rerun`` message), and reads the replica's CPU time from /proc/PID/stat. It prints, per
interval, the CPU per idle session per minute and per tick; a row "no ticks" is the same idle
minute with the timer silent (what a 600 s interval gives in most minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys

from bench.machine import machine_line
from bench.replica_benchmark import cpu_seconds
from dashboard.runtime.serve import Deployment, free_port


async def idle_session(url: str, every: float | None, until: asyncio.Event, ticks: list) -> None:
    """Load the app once, then send the fragment's timed rerun every ``every`` seconds."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    address = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(address, subprotocols=["streamlit"], max_size=None) as socket:
        first = BackMsg()
        first.rerun_script.SetInParent()  # a full run with the default link
        await socket.send(first.SerializeToString())
        fragment = None
        while True:
            answer = ForwardMsg.FromString(await socket.recv())
            kind = answer.WhichOneof("type")
            if kind == "auto_rerun":
                fragment = answer.auto_rerun.fragment_id
            if kind == "script_finished":
                break
        if fragment is None:
            raise RuntimeError("the app registered no timed fragment")
        ticks.append(0)
        await until.wait()  # every session loaded: the idle minute starts
        while every is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_drain(socket), timeout=every)
            tick = BackMsg()
            tick.rerun_script.fragment_id = fragment
            tick.rerun_script.is_auto_rerun = True
            await socket.send(tick.SerializeToString())
            ticks.append(1)
        await _drain(socket)


async def _drain(socket) -> None:
    async for _ in socket:
        pass


async def idle_minute(url: str, sessions: int, seconds: float, every, pid: int) -> tuple:
    ticks: list[int] = []
    go = asyncio.Event()
    tasks = [asyncio.create_task(idle_session(url, every, go, ticks)) for _ in range(sessions)]
    while len(ticks) < sessions:
        await asyncio.sleep(0.2)
        for task in tasks:
            if task.done() and task.exception():
                raise task.exception()
    await asyncio.sleep(3)  # let the last first runs settle
    before = cpu_seconds(pid)
    ticks.clear()
    go.set()
    await asyncio.sleep(seconds)
    used = cpu_seconds(pid) - before
    sent = sum(ticks)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return used, sent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.heartbeat_benchmark")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--every", type=float, nargs="+", default=[5.0])
    args = parser.parse_args(argv)
    lines = [
        "| timer | ticks | replica CPU per idle session per minute | CPU per tick |",
        "| --- | ---: | ---: | ---: |",
    ]
    for every in [None, *args.every]:
        deployment = Deployment(1, free_port())
        deployment.start()
        try:
            pid = deployment.members[0].pid
            used, sent = asyncio.run(
                idle_minute(deployment.url, args.sessions, args.seconds, every, pid)
            )
        finally:
            deployment.stop()
            deployment.remove_run_dir()
        per_session = used / args.sessions / (args.seconds / 60) * 1000
        per_tick = f"{used / sent * 1000:.1f} ms" if sent else "-"
        label = "no ticks" if every is None else f"every {every:g} s"
        lines.append(f"| {label} | {sent} | {per_session:.1f} ms | {per_tick} |")
        print(lines[-1], flush=True)
    print(
        f"\n{args.sessions} idle sessions, {args.seconds:.0f} s each; {machine_line()} at the end"
    )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
