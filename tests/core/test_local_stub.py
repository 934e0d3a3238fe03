"""The demo launcher's stub process: started for real, reused, stopped, failures explained."""

import sys

import pytest
from helpers.ports import free_port

from desktop_app.core.local_stub import LocalStubError, is_answering, start_local_stub


@pytest.mark.slow
def test_a_started_stub_answers_is_reused_and_stops(tmp_path):
    port = free_port()
    stub = start_local_stub(port, ("--db", str(tmp_path / "demo.sqlite3"), "--demo"))
    try:
        assert stub.url == f"http://127.0.0.1:{port}"
        assert stub.process is not None and is_answering(stub.url)
        again = start_local_stub(port)
        assert again.process is None and again.url == stub.url  # not a second server
        again.stop()  # stopping a reused stub leaves it running
        assert is_answering(stub.url)
    finally:
        stub.stop()
    assert stub.process.returncode == 0  # SIGTERM is a clean stop
    assert not is_answering(stub.url)


def test_a_stub_that_dies_at_start_is_explained():
    failing = [sys.executable, "-c", "import sys; sys.exit(3)"]
    with pytest.raises(LocalStubError, match="exit status 3.*port"):
        start_local_stub(free_port(), command=failing)


def test_a_stub_that_never_answers_is_stopped_and_explained():
    silent = [sys.executable, "-c", "import time; time.sleep(60)"]
    with pytest.raises(LocalStubError, match="did not answer"):
        start_local_stub(free_port(), command=silent, start_timeout=0.5)
