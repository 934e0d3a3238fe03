"""The main job (`./dev run`): stub with demo data + admin window + authenticator, as processes."""

import os
import signal
import subprocess
import sys
import time

import pytest
from helpers.ports import free_port

from desktop_app.core.local_stub import is_answering


def offscreen_env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")


@pytest.mark.slow
def test_the_launcher_brings_up_everything_and_stops_the_stub_it_started():
    port = free_port()
    run = subprocess.run(
        [sys.executable, "-m", "desktop_app.launcher", "--port", str(port), "--self-test"],
        capture_output=True,
        text=True,
        env=offscreen_env(),
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert f"Sigma stub serving on http://127.0.0.1:{port}" in run.stdout
    assert "alice@acme.test" in run.stdout  # the demo accounts are printed
    assert "window shown" in run.stdout
    assert "Sigma stub stopped." in run.stdout
    assert "Traceback" not in run.stderr
    assert not is_answering(f"http://127.0.0.1:{port}")


@pytest.mark.slow
def test_serve_with_the_admin_window_stops_cleanly_on_sigterm(tmp_path):
    port = free_port()
    command = [sys.executable, "-m", "server_stub.cli", "serve", "--port", str(port),
               "--db", str(tmp_path / "stub.sqlite3"), "--admin"]  # fmt: skip
    stub = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=offscreen_env())  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not is_answering(url):
            assert stub.poll() is None, stub.communicate()
            assert time.monotonic() < deadline, "the stub did not come up"
            time.sleep(0.1)  # polling for start-up
        stub.send_signal(signal.SIGTERM)
        out, err = stub.communicate(timeout=30)
    finally:
        if stub.poll() is None:
            stub.kill()
    assert stub.returncode == 0, err
    assert out.rstrip().endswith("Sigma stub stopped.")
    assert not is_answering(url)


def test_no_stub_runs_the_authenticator_alone():
    run = subprocess.run(
        [sys.executable, "-m", "desktop_app.launcher", "--no-stub", "--self-test"],
        capture_output=True,
        text=True,
        env=offscreen_env(),
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "window shown" in run.stdout
    assert "Sigma stub" not in run.stdout
