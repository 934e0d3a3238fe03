"""The PyInstaller bundle, built by build.spec, really starts: each program from dist/, offscreen,
with its own temporary data folders. Run with `./dev test-bundle` (not part of `./dev test`).

The bundle is built once per run, unless dist/ already holds one newer than every input (the
sources, resources, build.spec, pyproject.toml); the build takes about 30 s on two cores.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from helpers.imports import ROOT
from helpers.ports import free_port

from desktop_app import __version__

pytestmark = [pytest.mark.bundle, pytest.mark.slow]

BUNDLE = ROOT / "dist" / "sigma-authenticator"
INTERNAL = BUNDLE / "_internal"
QT = INTERNAL / "PySide6" / "Qt"
INPUTS = ("desktop_app", "server_stub", "resources", "bundling", "build.spec", "pyproject.toml")
EXE = ".exe" if sys.platform == "win32" else ""
START_LIMIT = 60  # seconds; a cold start takes about 2 s here


def newest_input() -> float:
    times = []
    for name in INPUTS:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        times += [p.stat().st_mtime for p in files if "__pycache__" not in p.parts]
    return max(times)


@pytest.fixture(scope="module")
def bundle() -> Path:
    executable = BUNDLE / f"sigma-authenticator{EXE}"
    if not executable.exists() or executable.stat().st_mtime < newest_input():
        build = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "build.spec"],
            cwd=ROOT, capture_output=True, text=True, timeout=900,
        )  # fmt: skip
        assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-6000:]
    return BUNDLE


@pytest.fixture
def program_env(tmp_path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SIGMA_AUTH_HOME": str(tmp_path / "auth"),
        "SIGMA_STUB_HOME": str(tmp_path / "stub"),
        "PYTHONUNBUFFERED": "1",
    }


def run(bundle: Path, program: str, *args: str, env: dict[str, str], **kwargs):
    return subprocess.run(
        [str(bundle / f"{program}{EXE}"), *args],
        capture_output=True, text=True, timeout=START_LIMIT, env=env, **kwargs,
    )  # fmt: skip



# ----- the three programs -------------------------------------------------------------------------


def test_sigma_auth_prints_its_version(bundle, program_env):
    result = run(bundle, "sigma-auth", "--version", env=program_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"sigma-auth {__version__}"


def test_sigma_auth_keeps_a_vault(bundle, program_env):
    """cryptography and argon2 load in the bundle: a vault is made, filled and read back."""
    env = {**program_env, "SIGMA_AUTH_PASSWORD": "bundle test password"}
    uri = "otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&issuer=Acme"
    for args in (("init",), ("add", uri)):
        result = run(bundle, "sigma-auth", *args, env=env)
        assert result.returncode == 0, result.stderr
    listed = run(bundle, "sigma-auth", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert "Acme" in listed.stdout and "bob" in listed.stdout
    code = run(bundle, "sigma-auth", "code", "acme", env=env)
    assert code.returncode == 0, code.stderr
    assert code.stdout.strip().isdigit() and len(code.stdout.strip()) == 6


def test_the_stub_serves_and_stops_cleanly(bundle, program_env, tmp_path):
    port = free_port()
    log = (tmp_path / "stub.log").open("w+")
    server = subprocess.Popen(
        [str(bundle / f"sigma-stub{EXE}"), "serve", "--port", str(port), "--demo"],
        stdout=log, stderr=subprocess.STDOUT, env=program_env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + START_LIMIT
        while True:
            assert server.poll() is None, f"the stub exited:\n{Path(log.name).read_text()}"
            assert time.monotonic() < deadline, f"no health answer:\n{Path(log.name).read_text()}"
            try:
                answer = requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
                break
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.1)  # still starting
        assert answer.status_code == 200
        assert answer.json() == {"status": "ok"}
    finally:
        server.send_signal(signal.SIGTERM)
        status = server.wait(timeout=30)
    assert status == 0, Path(log.name).read_text()


def test_the_window_paints_and_exits_cleanly_in_self_test(bundle, program_env):
    result = run(bundle, "sigma-authenticator", "--self-test", env=program_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("window shown "), result.stdout
    # The bundle loads its icons, style sheet and Qt plugins without a word of complaint.
    assert result.stderr == ""


def test_the_window_stays_up(bundle, program_env):
    window = subprocess.Popen(
        [str(bundle / f"sigma-authenticator{EXE}")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=program_env,
    )  # fmt: skip
    try:
        time.sleep(3)
        assert window.poll() is None, window.communicate()[1]
    finally:
        window.terminate()
        window.communicate(timeout=30)


def test_native_pieces_load_and_every_qr_backend_decodes(bundle, program_env):
    """OpenCV, numpy, zxing-cpp (and pyzbar with its libzbar when the zbar extra was bundled):
    no start-up path imports them yet, so bundling/entry.py's check mode decodes a code."""
    result = run(bundle, "sigma-auth", env={**program_env, "SIGMA_BUNDLE_CHECK": "1"})
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    expected = {"zxing", "zxing-global", "opencv"} | ({"pyzbar"} if zbar_installed() else set())
    assert expected <= set(report["decoded"])
    text = "otpauth://totp/Bundle:check?secret=JBSWY3DPEHPK3PXP"
    assert all(texts == [text] for texts in report["decoded"].values()), report
    # The camera reads through OpenCV's Linux capture back end.
    if sys.platform.startswith("linux"):
        assert "V4L2" in report["video_backends"]


# ----- what is inside -----------------------------------------------------------------------------


def zbar_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("pyzbar") is not None


def test_only_the_kept_qt_plugins_and_no_translations_are_shipped(bundle):
    plugins = {
        str(p.relative_to(QT / "plugins")) for p in (QT / "plugins").rglob("*") if p.is_file()
    }
    if sys.platform.startswith("linux"):
        for needed in (
            "platforms/libqxcb.so",
            "platforms/libqwayland.so",
            "platforms/libqoffscreen.so",
            "imageformats/libqsvg.so",
            "imageformats/libqjpeg.so",
            "iconengines/libqsvgicon.so",
            "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        ):
            assert needed in plugins
    kinds = {name.split("/")[0] for name in plugins}
    assert not kinds & {"egldeviceintegrations", "generic", "networkinformation", "tls"}
    assert "platformthemes/libqgtk3.so" not in plugins
    assert not (QT / "translations").exists()
    assert not list(INTERNAL.glob("libgtk*")) and not list(INTERNAL.glob("libpango*"))


def test_resources_and_licences_are_shipped(bundle):
    resources = INTERNAL / "sigma_resources"
    for name in (
        "app-icon.svg",
        "style.qss",
        "icons/copy.svg",
        "app-icons/sigma-authenticator-256.png",
        "sigma-authenticator.desktop",
        "sigma-authenticator.metainfo.xml",
        "licenses/pyside6-essentials.txt",
        "licenses/opencv-python-headless.txt",
        "licenses/python.txt",
    ):
        assert (resources / name).is_file(), name


@pytest.mark.skipif(shutil.which("dpkg") is None, reason="system licences come from dpkg")
def test_system_libraries_bring_their_licences(bundle):
    system = INTERNAL / "sigma_resources" / "licenses" / "system"
    packages = {p.parent.name for p in system.glob("*/copyright")}
    assert {"libxkbcommon0", "libxcb-cursor0", "libfontconfig1"} <= packages
    assert ("libzbar0" in packages) == zbar_installed()
    assert "libreadline8" not in packages  # GPL-3: bundling/contents.py excludes readline


def test_excluded_modules_are_not_in_the_bundle(bundle):
    from PyInstaller.archive.readers import CArchiveReader

    from bundling.contents import EXCLUDED_MODULES

    executable = CArchiveReader(str(bundle / f"sigma-authenticator{EXE}"))
    shipped = set(executable.open_embedded_archive("PYZ.pyz").toc)
    assert {"desktop_app.core.qr.backends", "server_stub.cli", "sigma_resources"} <= shipped
    unwanted = sorted(
        name for name in shipped
        if any(name == excluded or name.startswith(excluded + ".") for excluded in EXCLUDED_MODULES)
    )  # fmt: skip
    assert unwanted == []


def test_libzbar_is_shipped_exactly_when_the_zbar_extra_is_installed(bundle):
    assert bool(list(INTERNAL.glob("libzbar*"))) == zbar_installed()
