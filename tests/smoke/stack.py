"""The production processes on loopback, each started through deploy/entrypoint.sh exactly as
the Dockerfile and docker-compose.yml run them, with a log file each; stopped by their own ids."""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "deploy" / "entrypoint.sh"


class StackError(Exception):
    pass


def base_environment(**values: str) -> dict[str, str]:
    """A clean environment: the system's basics and ``values``, nothing from the caller's shell
    (so a developer's DEBUG=1 or MFA_REQUIRED=0 cannot leak into the production shape)."""
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ"}}
    bin_dir = str(Path(sys.executable).parent)
    keep["PATH"] = f"{bin_dir}:{keep.get('PATH', '/usr/bin:/bin')}"
    return keep | {"PYTHON": sys.executable, "PYTHONUNBUFFERED": "1"} | values


def production_environment(*, database_url: str, redis_url: str, port: int, **values: str) -> dict[str, str]:
    """What a production node gets, on loopback: DEBUG off, a fresh random secret, our hosts, the
    console mail backend (messages land in the worker's log), one trusted proxy (requests come
    with X-Forwarded-For and X-Forwarded-Proto: https as our proxy would send them) and no
    https redirect (nothing terminates TLS on loopback)."""
    return base_environment(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        EMAIL_URL="consolemail://",
        SITE_URL=f"http://127.0.0.1:{port}",
        DEFAULT_FROM_EMAIL="Năng suất <no-reply@nangsuat.example.gov.vn>",
        SECURE_SSL_REDIRECT="0",
        TRUSTED_PROXY_COUNT="1",
        BIND=f"127.0.0.1:{port}",
        CELERY_CONCURRENCY="1",
        **values,
    )


def recreate_database(url: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise StackError(f"refusing to drop a database named {name!r}")
    conn = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def wait_for_port(port: int, stack: "Stack", timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        stack.check_alive()
        with socket.socket() as sock:
            sock.settimeout(0.2)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise StackError(f"nothing listens on port {port} after {timeout:.0f} s")


class Stack:
    def __init__(self, env: dict[str, str], log_dir: Path):
        self.env = env
        self.log_dir = log_dir
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.processes: dict[str, subprocess.Popen] = {}

    def log(self, name: str) -> Path:
        return self.log_dir / f"{name}.log"

    def run(self, name: str, *args: str, timeout: float = 600) -> None:
        """Run a one-off entrypoint command (collectstatic, migrate) to completion."""
        started = time.monotonic()
        with self.log(name).open("w") as out:
            result = subprocess.run(
                [str(ENTRYPOINT), *args],
                env=self.env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        if result.returncode != 0:
            raise StackError(f"entrypoint.sh {' '.join(args)} exited with {result.returncode}")
        print(f"  {name}: done in {time.monotonic() - started:.1f} s", flush=True)

    def start(self, name: str, *args: str, env: dict[str, str] | None = None, command: list[str] | None = None):
        """Start a long-running process (by default an entrypoint command) in its own session."""
        out = self.log(name).open("w")
        self.processes[name] = subprocess.Popen(
            command or [str(ENTRYPOINT), *args],
            env=self.env | (env or {}),
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        out.close()
        return self.processes[name]

    def check_alive(self) -> None:
        for name, proc in self.processes.items():
            if proc.poll() is not None:
                raise StackError(f"{name} exited with {proc.returncode}")

    def wait_for_log(self, name: str, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            if text in self.log(name).read_text(errors="replace"):
                return
            time.sleep(0.5)
        raise StackError(f"{name} did not log {text!r} within {timeout:.0f} s")

    def wait_for_health(self, url: str, timeout: float = 90) -> dict:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback URL of ours
                    return json.load(response)
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                last = error
            time.sleep(0.5)
        raise StackError(f"{url} did not answer within {timeout:.0f} s ({last})")

    def stop(self) -> None:
        """SIGTERM each process group we started (gunicorn's and Celery's children stop with
        their parent), then SIGKILL what is still there after 20 s."""
        for proc in self.processes.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for proc in self.processes.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def print_logs(self, lines: int = 60) -> None:
        for path in sorted(self.log_dir.glob("*.log")):
            text = path.read_text(errors="replace").splitlines()
            print(f"\n===== {path.name} (last {min(lines, len(text))} of {len(text)} lines) =====")
            print("\n".join(text[-lines:]))
