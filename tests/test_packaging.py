"""Packaging: entry points, the files resources/ ships, their validity, and `pip install .`."""

from __future__ import annotations

import fnmatch
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import venv

import pytest
from helpers.imports import ROOT, imports_of, modules
from PySide6.QtGui import QImage

from bundling.contents import RESOURCE_FILES, UNUSED_QT_MODULES, left_out
from bundling.entry import DEFAULT_PROGRAM, PROGRAMS, program_for

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
RESOURCES = ROOT / "resources"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


# ----- entry points -------------------------------------------------------------------------------


def test_the_bundle_runs_the_same_entry_points_as_an_installed_package():
    project = PYPROJECT["project"]
    assert project["scripts"] | project["gui-scripts"] == PROGRAMS


@pytest.mark.parametrize(
    ("argv0", "program"),
    [
        ("/opt/sigma/sigma-auth", "sigma-auth"),
        ("./sigma-stub", "sigma-stub"),
        ("sigma-authenticator", "sigma-authenticator"),
        (r"C:\Program Files\Sigma\SIGMA-AUTH.EXE".lower(), "sigma-auth"),
        (r"C:\Sigma\sigma-stub.exe", "sigma-stub"),
        ("/Applications/Sigma Authenticator.app/Contents/MacOS/renamed", DEFAULT_PROGRAM),
    ],
)
def test_the_bundle_runs_the_program_it_is_called_as(argv0, program):
    assert program_for(argv0) == program


# ----- what the bundle leaves out ----------------------------------------------------------------


def test_no_qt_module_the_code_imports_is_left_out_of_the_bundle():
    imported = {
        name
        for top in ("desktop_app", "server_stub", "bundling")
        for path in modules(top)
        for name in imports_of(path)
    }
    # `from PySide6 import QtSvgWidgets` shows up as the module PySide6 only.
    assert "PySide6" not in imported, "import Qt modules by their full name (PySide6.QtX)"
    needed = sorted(imported & set(UNUSED_QT_MODULES))
    assert needed == [], "take these off UNUSED_QT_MODULES in bundling/contents.py"


@pytest.mark.parametrize(
    ("dest", "dropped"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", True),
        ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so", True),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/translations/qtbase_fr.qm", True),
        ("PySide6/Qt/lib/libQt6Gui.so.6", False),
        ("cv2/cv2.abi3.so", False),
        ("sigma_resources/icons/copy.svg", False),
    ],
)
def test_which_qt_files_are_left_out(dest, dropped):
    assert left_out(dest) is dropped


def test_every_resource_pattern_of_the_bundle_matches_files():
    assert all(list(RESOURCES.glob(pattern)) for pattern in RESOURCE_FILES)


# ----- resources/ ---------------------------------------------------------------------------------


def test_every_resource_file_is_package_data():
    """pip installs only what the package-data globs name: nothing in resources/ is left out."""
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["sigma_resources"]
    files = [
        p.relative_to(RESOURCES).as_posix()
        for p in RESOURCES.rglob("*")
        if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts
    ]
    assert files
    # setuptools' "**/" also matches files at the top of the folder.
    unshipped = [
        f for f in files if not any(fnmatch.fnmatch(f, g.removeprefix("**/")) or
                                    fnmatch.fnmatch(f, g) for g in patterns)
    ]  # fmt: skip
    assert unshipped == []


def test_app_icon_pngs_have_their_sizes():
    for size in PNG_SIZES:
        image = QImage(str(RESOURCES / "app-icons" / f"sigma-authenticator-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()


def test_the_windows_icon_holds_every_size_as_png():
    data = (RESOURCES / "app-icon.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(ICO_SIZES))
    sizes = []
    for index in range(count):
        entry = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        width, height, length, offset = entry[0], entry[1], entry[6], entry[7]
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        image = QImage.fromData(data[offset : offset + length], "PNG")
        assert (image.width(), image.height()) == (width or 256, height or 256)
        sizes.append(width or 256)
    assert tuple(sizes) == ICO_SIZES


def _validator(name: str) -> str:
    path = shutil.which(name)
    if path is None:  # ./dev test installs both; a bare `pytest` elsewhere may not have them
        pytest.skip(f"{name} is not installed")
    return path


def test_the_appstream_metadata_validates():
    result = subprocess.run(
        [_validator("appstreamcli"), "validate", "--no-net", "--pedantic",
         str(RESOURCES / "sigma-authenticator.metainfo.xml")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "E:" not in result.stdout and "W:" not in result.stdout, result.stdout


@pytest.mark.parametrize("name", ["sigma-authenticator.desktop", "sigma-stub-admin.desktop"])
def test_the_desktop_entries_validate(name):
    result = subprocess.run(
        [_validator("desktop-file-validate"), str(RESOURCES / name)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout, result.stdout


def test_every_bundled_distribution_has_its_licence_collected():
    """tools/collect_licenses.py was re-run after the last dependency change (names only: a
    newer release of a dependency is no reason to fail)."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import collect_licenses
    finally:
        sys.path.remove(str(ROOT / "tools"))
    required = {f"{name}.txt" for name in collect_licenses.required_distributions()}
    committed = {p.name for p in (RESOURCES / "licenses").glob("*.txt")}
    assert required | {"python.txt"} == committed


# ----- pip install . ------------------------------------------------------------------------------


@pytest.mark.slow
def test_pip_install_into_a_clean_venv_gives_working_programs_and_resources(tmp_path):
    """A non-editable install (about 20 s: pip takes the wheels from its cache)."""
    venv.EnvBuilder(with_pip=True).create(tmp_path / "venv")
    bin_dir = tmp_path / "venv" / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    source = tmp_path / "source"  # a copy, so no build/ or egg-info lands in the work tree
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*cache"))  # fmt: skip
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(source)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-4000:]

    def run(*command: str) -> str:
        result = subprocess.run(
            [*command], capture_output=True, text=True, timeout=60, cwd=tmp_path,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout

    from desktop_app import __version__

    assert run(str(bin_dir / "sigma-auth"), "--version").strip() == f"sigma-auth {__version__}"
    assert "serve" in run(str(bin_dir / "sigma-stub"), "--help")
    assert run(str(bin_dir / "sigma-authenticator"), "--self-test").startswith("window shown")
    installed = run(
        str(python), "-c",
        "from sigma_resources import resource_path as r; print(r('app-icon.svg')); "
        "print(r('licenses/pyside6-essentials.txt'))",
    ).split()  # fmt: skip
    site_packages = str(tmp_path / "venv")
    assert all(path.startswith(site_packages) for path in installed), installed
