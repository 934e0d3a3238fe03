"""Load on the real stub server over loopback: POST /auth/verify with valid app codes and
GET /me, from several client threads; plus the cost of one argon2id password check.

Prints a table; asserts nothing. Run with `./dev bench stub` (or directly with the venv python).

Setup goes through the store, not HTTP: each successful verify uses up a sign-in attempt (mfa
token) and a TOTP step of its user, so the benchmark needs one prepared user per request, and
preparing them by HTTP would be hundreds of argon2 logins, which is not what is measured.
"""

from __future__ import annotations

import argparse
import os
import queue
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyotp
import requests

from server_stub.app import StubConfig, create_app
from server_stub.domain.app_codes import new_secret
from server_stub.domain.passwords import PasswordChecker, PasswordParams
from server_stub.domain.secret_box import totp_context
from server_stub.domain.sessions import MFA_TOKEN_LIFETIME_SECONDS, new_token, token_hash

PASSWORD = "Bench-password-1"  # a throwaway account in a temporary database


@dataclass
class BenchUser:
    user_id: int
    secret: str
    mfa_token: str
    session: str | None = None


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    wall: float = 0.0

    def row(self) -> str:
        count = len(self.latencies) + self.errors
        ordered = sorted(self.latencies) or [float("nan")]
        p50 = statistics.median(ordered) * 1000
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
        rate = count / self.wall if self.wall else float("nan")
        return f"{self.name:<34} {count:>8} {self.errors:>6} {rate:>9.0f} {p50:>8.2f} {p99:>8.2f}"


def prepare(db_path: Path, users: int) -> list[BenchUser]:
    """An org of users with enabled authenticators and one live mfa token each."""
    app = create_app(StubConfig(db_path=db_path))
    ctx = app.state.services.ctx
    password_hash = ctx.passwords.hash(PASSWORD)
    now = time.time()
    prepared = []
    with ctx.db.write() as tx:
        org = tx.orgs.add("Bench Org", "password", now)
        for i in range(users):
            uid = tx.users.add(
                org_id=org.id,
                email=f"user{i}@bench.test",
                name=f"User {i}",
                account_type="admin" if i == 0 else "creator",
                password_hash=password_hash,
                now=now,
            )
            secret = new_secret()
            tx.authenticators.put_pending(
                uid, ctx.box.seal(secret.encode(), totp_context(uid)), now
            )
            tx.authenticators.enable(uid, now)
            mfa_token = new_token()
            tx.mfa_tokens.add(token_hash(mfa_token), uid, now + MFA_TOKEN_LIFETIME_SECONDS, now)
            prepared.append(BenchUser(uid, secret, mfa_token))
    ctx.db.close()
    return prepared


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db_path: Path, port: int, log: Path) -> subprocess.Popen:
    script = Path(sys.executable).with_name("sigma-stub")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "server_stub.cli"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "serve", "--host", "127.0.0.1", "--port", str(port), "--db", str(db_path)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
            return process
        except requests.ConnectionError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("the server did not start; see " + str(log))


def run_threads(threads: int, work) -> float:
    workers = [threading.Thread(target=work) for _ in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - start


def bench_verify(base: str, users: list[BenchUser], threads: int) -> Result:
    result = Result(f"POST /auth/verify (app, {threads} thr)")
    todo: queue.SimpleQueue[BenchUser] = queue.SimpleQueue()
    for user in users:
        todo.put(user)
    lock = threading.Lock()

    def work() -> None:
        http = requests.Session()
        while True:
            try:
                user = todo.get_nowait()
            except queue.Empty:
                return
            code = pyotp.TOTP(user.secret).now()
            began = time.perf_counter()
            response = http.post(
                f"{base}/api/v1/auth/verify",
                timeout=30,
                json={"mfa_token": user.mfa_token, "method": "app", "code": code},
            )
            took = time.perf_counter() - began
            with lock:
                if response.status_code == 200:
                    result.latencies.append(took)
                    user.session = response.json()["token"]
                else:
                    result.errors += 1

    result.wall = run_threads(threads, work)
    return result


def bench_me(base: str, sessions: list[str], threads: int, requests_total: int) -> Result:
    result = Result(f"GET /me ({threads} thr)")
    per_thread = requests_total // threads
    lock = threading.Lock()

    def work() -> None:
        http = requests.Session()
        mine: list[float] = []
        errors = 0
        for i in range(per_thread):
            token = sessions[(i * 7 + threading.get_ident()) % len(sessions)]
            began = time.perf_counter()
            response = http.get(
                f"{base}/api/v1/me", timeout=30, headers={"Authorization": f"Bearer {token}"}
            )
            mine.append(time.perf_counter() - began)
            errors += response.status_code != 200
        with lock:
            result.latencies.extend(mine)
            result.errors += errors

    result.wall = run_threads(threads, work)
    return result


def bench_login(base: str, count: int) -> Result:
    result = Result("POST /auth/login (1 thr)")
    http = requests.Session()
    began_all = time.perf_counter()
    for i in range(count):
        began = time.perf_counter()
        response = http.post(
            f"{base}/api/v1/auth/login",
            timeout=30,
            json={"email": f"user{i}@bench.test", "password": PASSWORD},
        )
        if response.status_code == 200:
            result.latencies.append(time.perf_counter() - began)
        else:
            result.errors += 1
    result.wall = time.perf_counter() - began_all
    return result


def password_check_ms(samples: int = 10) -> tuple[float, PasswordParams]:
    params = PasswordParams()
    checker = PasswordChecker(params)
    stored = checker.hash(PASSWORD)
    times = []
    for _ in range(samples):
        began = time.perf_counter()
        assert checker.verify(stored, PASSWORD)
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000, params


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1500, help="verify requests (one per user)")
    parser.add_argument("--me", type=int, default=4000, help="GET /me requests")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 8])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.sqlite3"
        print(f"preparing {args.users * len(args.threads)} users ...", flush=True)
        users = prepare(db_path, args.users * len(args.threads))
        port = free_port()
        server = start_server(db_path, port, Path(folder) / "server.log")
        base = f"http://127.0.0.1:{port}"
        try:
            results = [bench_login(base, 20)]
            for index, threads in enumerate(args.threads):
                batch = users[index * args.users : (index + 1) * args.users]
                results.append(bench_verify(base, batch, threads))
            sessions = [u.session for u in users if u.session]
            for threads in args.threads:
                results.append(bench_me(base, sessions, threads, args.me))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    check_ms, params = password_check_ms()
    print(
        f"\nstub server on 127.0.0.1, one uvicorn process; {os.cpu_count()} CPUs shared with "
        "the client threads"
    )
    print(
        f"{'scenario':<34} {'requests':>8} {'errors':>6} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}"
    )
    for result in results:
        print(result.row())
    print(
        f"\nargon2id password check (t={params.time_cost}, m={params.memory_kib // 1024} MiB, "
        f"p={params.parallelism}), in-process median: {check_ms:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
