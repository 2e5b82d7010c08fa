"""Memory of one replica holding a dataset: VmRSS before and after the first page. Not a test.

    python -m bench.replica_memory --data-dir /tmp/synth-1m [--sessions 1]

Starts one replica behind HAProxy (``dashboard.runtime.serve.Deployment``) on the data directory,
reads the replica's resident memory (VmRSS in /proc/PID/status), opens ``--sessions``
sessions over Streamlit's WebSocket protocol (each runs the app once, on the default view),
and reads it again.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from dashboard.runtime.serve import Deployment, free_port


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


async def first_page(url: str) -> None:
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    address = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(address, subprotocols=["streamlit"], max_size=None) as socket:
        message = BackMsg()
        message.rerun_script.SetInParent()
        await socket.send(message.SerializeToString())
        while ForwardMsg.FromString(await socket.recv()).WhichOneof("type") != "script_finished":
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.replica_memory")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=1)
    args = parser.parse_args(argv)
    deployment = Deployment(1, free_port(), args.data_dir)
    deployment.start()
    try:
        pid = deployment.members[0].pid
        before = rss_mb(pid)
        for _ in range(args.sessions):
            asyncio.run(first_page(deployment.url))
        after = rss_mb(pid)
    finally:
        deployment.stop()
        deployment.remove_run_dir()
    print(
        f"{args.data_dir}: replica VmRSS {before:.0f} MB started, {after:.0f} MB after "
        f"{args.sessions} first page(s): {after - before:.0f} MB for the data and the sessions"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
