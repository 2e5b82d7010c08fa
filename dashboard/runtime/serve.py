"""``python -m dashboard serve --replicas N --port P``: N dashboard replicas behind HAProxy.

Everything runs on loopback and everything written goes into one run folder the command
creates (a new temporary folder, removed at exit): the shared ``server.cookieSecret`` (a file
readable by its owner only, handed to the replicas through the environment, never on a
command line), the HAProxy configuration made from ``deploy/haproxy.cfg.template``, the
logs, and, unless DASHBOARD_CACHE_DIR / DASHBOARD_HISTORY_DIR name other folders, the
warm-start cache and the history store the replicas share. A replica that exits is started
again on its port after ``RESTART_DELAY`` seconds (as ``Restart=always`` does in the systemd
example), and HAProxy takes it back once its health check passes. Ctrl-C or SIGTERM stops
HAProxy first, then the replicas. The e2e test tests/e2e/test_replicas.py and the benchmark
bench/replica_benchmark.py drive this module.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import TextIO

from dashboard.contract.dataset import PROJECT_ROOT

APP = PROJECT_ROOT / "dashboard" / "app.py"
TEMPLATE = PROJECT_ROOT / "deploy" / "haproxy.cfg.template"
HOST = "127.0.0.1"
HEALTH_PATH = "/_stcore/health"
COOKIE_NAME = "dashboard_replica"  # the stickiness cookie named in the template
SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"  # Streamlit reads server.cookieSecret from it
HEARTBEAT_ENV = "DASHBOARD_HEARTBEAT_SECONDS"
# Folders the replicas share: the caller's choice, else these folders in the run folder.
SHARED_DIRS = {"DASHBOARD_CACHE_DIR": "cache", "DASHBOARD_HISTORY_DIR": "history"}
MAX_REPLICAS = 16
STARTUP_SECONDS = 120.0  # a replica's first answer on a busy two-core machine
RESTART_DELAY = 3.0
STOP_SECONDS = 15.0


class ServeError(Exception):
    """Why the replicas or HAProxy could not be started."""


def replica_command(port: int, data_dir: Path | None = None) -> list[str]:
    """The command line of one dashboard on loopback: a replica (the systemd unit runs the
    same flags), and the browser tests' and benchmarks' servers (with ``data_dir``)."""
    shown = ["--", "--data-dir", str(data_dir)] if data_dir is not None else []
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.headless",
        "true",
        "--server.address",
        HOST,
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        *shown,
    ]


def server_line(name: str, port: int) -> str:
    """One ``server`` line of the backend: its cookie value is its name."""
    return f"    server {name} {HOST}:{port} cookie {name}"


def render_config(bind: str, servers: Mapping[str, int], template: Path = TEMPLATE) -> str:
    """The HAProxy configuration: the template with its frontend address and server lines."""
    lines = "\n".join(server_line(name, port) for name, port in servers.items())
    return Template(template.read_text(encoding="utf-8")).substitute(
        frontend_bind=bind, servers=lines
    )


def new_secret() -> str:
    """A random ``server.cookieSecret`` (256 bits, hex)."""
    return secrets.token_hex(32)


def write_private(path: Path, text: str) -> None:
    """Create ``path`` readable and writable by its owner only; never reuse a file."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)


def free_port() -> int:
    """A TCP port nobody listens on at the moment, on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def healthy(url: str, timeout: float = 2.0) -> bool:
    """True when ``url`` + /_stcore/health answers ``ok``."""
    try:
        with urllib.request.urlopen(url + HEALTH_PATH, timeout=timeout) as answer:
            return answer.read().decode().strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def find_haproxy() -> Path | None:
    found = shutil.which("haproxy") or "/usr/sbin/haproxy"
    return Path(found) if Path(found).exists() else None


@dataclass
class Replica:
    """One ``streamlit run`` of the dashboard on its own loopback port."""

    name: str
    port: int
    log: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


@dataclass
class Deployment:
    """N replicas and one HAProxy on loopback, all files in ``run_dir`` (created here)."""

    replicas: int
    port: int
    data_dir: Path | None = None
    heartbeat: float | None = None  # None: $DASHBOARD_HEARTBEAT_SECONDS or the app's default
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    haproxy_path: Path | None = None
    run_dir: Path = field(init=False)
    members: list[Replica] = field(init=False, default_factory=list)
    haproxy: subprocess.Popen | None = field(init=False, default=None)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> None:
        """Start the replicas, wait until each is healthy, then HAProxy in front of them."""
        self._check()
        self.run_dir = Path(tempfile.mkdtemp(prefix="dashboard-serve-"))
        try:
            write_private(self.run_dir / "cookie-secret", new_secret())
            (self.run_dir / "logs").mkdir()
            for number in range(1, self.replicas + 1):
                name = f"r{number}"
                log = self.run_dir / "logs" / f"{name}.log"
                self.members.append(Replica(name, free_port(), log))
            for replica in self.members:
                self._launch(replica)
            for replica in self.members:
                self.wait_healthy(replica)
            self._start_haproxy()
        except BaseException:
            self.stop()
            raise

    def replica_env(self) -> dict[str, str]:
        """The replicas' environment: the shared secret, data, cache and history folders."""
        env = dict(self.environ)
        env[SECRET_ENV] = (self.run_dir / "cookie-secret").read_text(encoding="utf-8")
        if self.heartbeat is not None:
            env[HEARTBEAT_ENV] = str(self.heartbeat)
        for name, folder in SHARED_DIRS.items():
            if not env.get(name):
                env[name] = str(self.run_dir / folder)
        if self.data_dir is not None:
            env["DASHBOARD_DATA_DIR"] = str(self.data_dir)
        return env

    def restart(self, replica: Replica) -> None:
        """Start a replica that has stopped again, on its own port; wait until healthy."""
        if replica.running():
            raise ServeError(f"replica {replica.name} (pid {replica.pid}) is still running")
        self._launch(replica)
        self.wait_healthy(replica)

    def wait_healthy(self, replica: Replica) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if not replica.running():
                raise ServeError(f"replica {replica.name} exited; see {replica.log}")
            if healthy(replica.url):
                return
            time.sleep(0.25)
        raise ServeError(f"replica {replica.name} did not answer on {replica.url}")

    def stop(self) -> None:
        """Stop HAProxy, then every replica (SIGTERM, then SIGKILL after STOP_SECONDS)."""
        stop_process(self.haproxy)
        for replica in self.members:
            stop_process(replica.process)

    def remove_run_dir(self) -> None:
        """Remove the run folder this deployment created (nothing else)."""
        if getattr(self, "run_dir", None) is not None and self.run_dir.name.startswith(
            "dashboard-serve-"
        ):
            shutil.rmtree(self.run_dir, ignore_errors=True)

    def _check(self) -> None:
        if not 1 <= self.replicas <= MAX_REPLICAS:
            raise ServeError(f"--replicas must be between 1 and {MAX_REPLICAS}")
        if self.haproxy_path is None:
            self.haproxy_path = find_haproxy()
        if self.haproxy_path is None:
            raise ServeError("haproxy not found: apt-get install -y haproxy")
        if self.data_dir is not None and not self.data_dir.is_dir():
            raise ServeError(f"data directory {self.data_dir} does not exist")
        if not port_is_free(self.port):
            raise ServeError(f"port {self.port} on {HOST} is in use")

    def _launch(self, replica: Replica) -> None:
        with replica.log.open("ab") as out:
            replica.process = subprocess.Popen(
                replica_command(replica.port),
                cwd=PROJECT_ROOT,
                env=self.replica_env(),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches the supervisor, which stops in order
            )

    def _start_haproxy(self) -> None:
        config = self.run_dir / "haproxy.cfg"
        servers = {replica.name: replica.port for replica in self.members}
        write_private(config, render_config(f"{HOST}:{self.port}", servers))
        command = [str(self.haproxy_path), "-db", "-f", str(config)]
        try:
            checked = subprocess.run(
                [*command[:1], "-c", "-f", str(config)],
                capture_output=True,
                text=True,
                check=False,
                timeout=STOP_SECONDS,
            )
        except subprocess.TimeoutExpired as error:
            raise ServeError(f"haproxy -c did not answer in {STOP_SECONDS:.0f} s") from error
        if checked.returncode != 0:
            raise ServeError(f"haproxy rejected {config}:\n{checked.stdout}{checked.stderr}")
        with (self.run_dir / "logs" / "haproxy.log").open("ab") as out:
            self.haproxy = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.haproxy.poll() is not None:
                raise ServeError(f"haproxy exited; see {self.run_dir / 'logs' / 'haproxy.log'}")
            if healthy(self.url):
                return
            time.sleep(0.2)
        raise ServeError(f"haproxy did not answer on {self.url}")


def launch(command: list[str], log: Path) -> subprocess.Popen:
    """Start ``command`` in the project folder with its output in ``log``; the caller's
    DASHBOARD_DATA_DIR is not passed on (a command names its data directory itself)."""
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_DATA_DIR"}
    with log.open("wb") as out:
        return subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def wait_for_answer(
    process: subprocess.Popen, url: str, expected: str | None, log: Path, seconds: float
) -> None:
    """Wait until ``url`` answers (with the text ``expected``, when given). A process that
    exits, or does not answer within ``seconds``, is stopped: ServeError with its log."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServeError(
                f"{url}: the server exited with {process.returncode}:\n{log_text(log)}"
            )
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                body = answer.read().decode(errors="replace").strip()
                if expected is None or body == expected:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.25)
    stop_process(process)
    raise ServeError(f"{url} did not answer in {seconds:.0f} s:\n{log_text(log)}")


def log_text(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")


def start_dashboard(
    data_dir: Path | None, log: Path, seconds: float = STARTUP_SECONDS
) -> tuple[str, subprocess.Popen]:
    """One dashboard on a free loopback port, answering its health check: (its URL, its
    process). The browser tests' and the benchmarks' servers."""
    port = free_port()
    process = launch(replica_command(port, data_dir), log)
    url = f"http://{HOST}:{port}"
    wait_for_answer(process, url + HEALTH_PATH, "ok", log, seconds)
    return url, process


def stop_process(process: subprocess.Popen | None) -> None:
    """Ask a started process to end (SIGTERM), then kill it after ``STOP_SECONDS``; nothing
    for one that has ended already (the replicas, HAProxy, the test and benchmark servers)."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_SECONDS)


def serve(deployment: Deployment, out: TextIO) -> int:
    """Start, print the address and the process ids, keep replicas up until a signal."""
    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        deployment.start()
        _announce(deployment, out)
        while not stopping:
            time.sleep(0.5)
            for replica in deployment.members:
                if not replica.running() and not stopping:
                    _bring_back(deployment, replica, out, lambda: stopping)
        print("stopping", file=out, flush=True)
        return 0
    finally:
        deployment.stop()
        deployment.remove_run_dir()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _announce(deployment: Deployment, out: TextIO) -> None:
    print(
        f"dashboard: {deployment.url}/ ({deployment.replicas} replicas behind HAProxy, "
        f"run folder {deployment.run_dir})",
        file=out,
    )
    for replica in deployment.members:
        print(f"replica {replica.name}: pid {replica.pid}, port {replica.port}", file=out)
    assert deployment.haproxy is not None
    print(f"haproxy: pid {deployment.haproxy.pid}", file=out)
    print("Ctrl-C stops everything.", file=out, flush=True)


def _bring_back(deployment: Deployment, replica: Replica, out: TextIO, stopping) -> None:
    """Start a replica that exited again after RESTART_DELAY; report what happened."""
    code = replica.process.returncode if replica.process else None
    print(f"replica {replica.name} exited ({code}); restarting", file=out, flush=True)
    deadline = time.monotonic() + RESTART_DELAY
    while time.monotonic() < deadline:
        if stopping():
            return
        time.sleep(0.1)
    try:
        deployment.restart(replica)
    except ServeError as error:
        print(f"replica {replica.name}: {error}", file=out, flush=True)
        return
    print(f"replica {replica.name}: pid {replica.pid}, port {replica.port}", file=out, flush=True)
