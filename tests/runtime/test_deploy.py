"""deploy/: the HAProxy configuration ``python -m dashboard serve`` runs, the production
example beside it (kept word for word where it can be), and the command's own files."""

from __future__ import annotations

import io
import os
import re
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.runtime import serve
from dashboard.runtime.serve import (
    SECRET_ENV,
    Deployment,
    find_haproxy,
    free_port,
    render_config,
    replica_command,
    stop_process,
    write_private,
)
from dashboard.ui.heartbeat import heartbeat_seconds

DEPLOY = PROJECT_ROOT / "deploy"
PRODUCTION = DEPLOY / "production"
REQUIRED = os.environ.get("DASHBOARD_E2E_REQUIRED") == "1"
SELF_SIGNED = (
    *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes"),
    *("-days", "1", "-subj", "/CN=localhost"),
)
PRODUCTION_PORTS = {"r1": 8501, "r2": 8502, "r3": 8503}


@pytest.fixture
def haproxy() -> Path:
    found = find_haproxy()
    if found is None:
        if REQUIRED:
            pytest.fail("DASHBOARD_E2E_REQUIRED=1 but haproxy is missing")
        pytest.skip("haproxy not found: apt-get install -y haproxy")
    return found


def sections(config: str) -> dict[str, list[str]]:
    """Each top-level section ('defaults', 'backend replicas' ...) and its lines, comments
    and blank lines left out."""
    found: dict[str, list[str]] = {}
    current = None
    for line in config.splitlines():
        if not line.strip() or line.strip().startswith("#"):
            continue
        if not line[0].isspace():
            current = line.strip()
            found[current] = []
        elif current is not None:
            found[current].append(line.strip())
    return found


def check_config(haproxy: Path, config: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(haproxy), "-c", "-f", str(config)], capture_output=True, text=True, check=False
    )


def test_the_generated_config_is_valid_and_sticky(haproxy: Path, tmp_path: Path) -> None:
    text = render_config("127.0.0.1:8600", {"r1": 40001, "r2": 40002})
    parts = sections(text)
    assert parts["frontend dashboard"] == ["bind 127.0.0.1:8600", "default_backend replicas"]
    backend = parts["backend replicas"]
    assert "cookie dashboard_replica insert indirect nocache httponly" in backend
    assert "option httpchk GET /_stcore/health" in backend
    assert backend[-2:] == [
        "server r1 127.0.0.1:40001 cookie r1",
        "server r2 127.0.0.1:40002 cookie r2",
    ]
    assert {"timeout tunnel 1h", "option redispatch 1", "retries 3"} <= set(parts["defaults"])
    config = tmp_path / "haproxy.cfg"
    config.write_text(text)
    checked = check_config(haproxy, config)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_production_config_keeps_the_tested_sections() -> None:
    tested = sections(render_config("127.0.0.1:8600", PRODUCTION_PORTS))
    production = sections((PRODUCTION / "haproxy.cfg").read_text())
    assert production["defaults"] == tested["defaults"]
    secure = [
        line + " secure" if line.startswith("cookie ") else line
        for line in tested["backend replicas"]
    ]
    assert production["backend replicas"] == secure
    front = production["frontend dashboard"]
    assert "bind :443 ssl crt /etc/haproxy/certs/dashboard.pem alpn http/1.1" in front
    assert 'http-request auth realm "Conflict dashboard" unless { http_auth(viewers) }' in front


def test_production_config_is_accepted_by_haproxy(haproxy: Path, tmp_path: Path) -> None:
    """With a throwaway self-signed certificate in place of the real one."""
    pem = tmp_path / "dashboard.pem"
    made = subprocess.run(
        [*SELF_SIGNED, "-keyout", str(pem), "-out", str(pem)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip("openssl could not make a test certificate")
    text = (PRODUCTION / "haproxy.cfg").read_text()
    text = text.replace("/etc/haproxy/certs/dashboard.pem", str(pem))
    text = text.replace("chroot /var/lib/haproxy\n", "")  # may be missing outside Debian
    config = tmp_path / "haproxy.cfg"
    config.write_text(text)
    checked = check_config(haproxy, config)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_systemd_unit_runs_the_tested_replica_command() -> None:
    unit = (PRODUCTION / "dashboard@.service").read_text()
    start = shlex.split(re.search(r"^ExecStart=(.+)$", unit, re.MULTILINE)[1])
    tested = replica_command(8501)
    assert start[1:4] == tested[1:4]  # -m streamlit run
    assert start[4] == "/opt/conflict-dashboard/dashboard/app.py"
    assert start[5:] == [("%i" if part == "8501" else part) for part in tested[5:]]
    environment = dict(
        line.removeprefix("Environment=").split("=", 1)
        for line in unit.splitlines()
        if line.startswith("Environment=")
    )
    assert set(environment) >= {"DASHBOARD_CACHE_DIR", "DASHBOARD_HISTORY_DIR"}
    assert "EnvironmentFile=/etc/conflict-dashboard/secret.env" in unit
    assert re.search(r"^Restart=always$", unit, re.MULTILINE)


def test_private_files_are_new_and_owner_only(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    write_private(secret, "abc")
    assert secret.stat().st_mode & 0o777 == 0o600
    with pytest.raises(FileExistsError):
        write_private(secret, "again")
    assert secret.read_text() == "abc"
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(FileExistsError):
        write_private(tmp_path / "link", "x")
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, 600.0), ("5", 5.0), ("0", None), ("0.2", 1.0), ("soon", 600.0), ("nan", None)],
)
def test_heartbeat_interval_from_the_environment(value, expected) -> None:
    environ = {} if value is None else {"DASHBOARD_HEARTBEAT_SECONDS": value}
    assert heartbeat_seconds(environ) == expected


def serve_errors(*arguments: str) -> tuple[int, str]:
    err = io.StringIO()
    code = main(["serve", *arguments], out=io.StringIO(), err=err)
    return code, err.getvalue()


def test_serve_refuses_a_busy_port_and_a_missing_folder(haproxy, tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert serve_errors("--port", str(port)) == (
            2,
            f"error: port {port} on 127.0.0.1 is in use\n",
        )
    missing = tmp_path / "nowhere"
    assert serve_errors("--data-dir", str(missing), "--port", str(free_port())) == (
        2,
        f"error: data directory {missing} does not exist\n",
    )
    code, message = serve_errors("--replicas", "17", "--port", str(free_port()))
    assert (code, message) == (2, "error: --replicas must be between 1 and 16\n")


def test_one_replica_gets_the_shared_secret_and_keeps_its_files_in_the_run_folder(
    haproxy, monkeypatch
) -> None:
    monkeypatch.delenv("DASHBOARD_CACHE_DIR", raising=False)
    monkeypatch.delenv("DASHBOARD_HISTORY_DIR", raising=False)
    deployment = Deployment(1, free_port(), heartbeat=7)
    deployment.start()
    try:
        run = deployment.run_dir
        secret = (run / "cookie-secret").read_text()
        assert len(secret) == 64 and (run / "cookie-secret").stat().st_mode & 0o777 == 0o600
        replica = deployment.members[0]
        environ = dict(
            item.split("=", 1)
            for item in Path(f"/proc/{replica.pid}/environ").read_text().split("\0")
            if "=" in item
        )
        assert environ[SECRET_ENV] == secret
        assert secret not in Path(f"/proc/{replica.pid}/cmdline").read_text()
        assert environ["DASHBOARD_CACHE_DIR"] == str(run / "cache")
        assert environ["DASHBOARD_HISTORY_DIR"] == str(run / "history")
        assert environ["DASHBOARD_HEARTBEAT_SECONDS"] == "7"
        config = (run / "haproxy.cfg").read_text()
        assert f"server r1 127.0.0.1:{replica.port} cookie r1" in config
    finally:
        deployment.stop()
        deployment.remove_run_dir()
    assert not run.exists()
    assert not replica.running() and deployment.haproxy.poll() is not None


def test_stop_process_ends_a_running_process_and_leaves_an_ended_one() -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    stop_process(sleeper)
    assert sleeper.returncode == -15  # ended by SIGTERM, well before the minute
    stop_process(sleeper)  # already ended: nothing to do
    stop_process(None)
    assert sleeper.returncode == -15


def test_a_started_server_is_waited_for_until_it_answers(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "health").write_text("ok\n")
    port = serve.free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", serve.HOST]
    process = serve.launch([*command, "--directory", str(tmp_path / "site")], tmp_path / "log")
    try:
        serve.wait_for_answer(
            process, f"http://{serve.HOST}:{port}/health", "ok", tmp_path / "log", 60
        )
        assert process.poll() is None
    finally:
        serve.stop_process(process)
    assert process.poll() is not None


def test_a_server_that_exits_is_an_error_with_its_log(tmp_path: Path) -> None:
    log = tmp_path / "log"
    process = serve.launch(
        [sys.executable, "-c", "print('no data here'); raise SystemExit(3)"], log
    )
    with pytest.raises(serve.ServeError, match="exited with 3") as raised:
        serve.wait_for_answer(process, f"http://{serve.HOST}:{serve.free_port()}/", None, log, 60)
    assert "no data here" in str(raised.value)
