#!/usr/bin/env python3
"""Set up FieldArchive on a fresh machine with only Python 3.11+, then run it or its tests.

    python3 bootstrap.py run     install and start the application (default store)
    python3 bootstrap.py test    install what the tests need and run the whole suite

It makes a virtual environment in .venv, installs the project into it (editable, so the
resources/ folder is used in place), and on Debian-based systems (Debian, Ubuntu, Kylin,
UOS) installs the system libraries Qt, PulseAudio and Chinese fonts need when they are
missing (with apt-get as root, or through sudo). Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".fieldarchive-installed"

# What Qt Widgets/Multimedia need to start, and what shows Chinese text.
RUN_DEBS = [
    "libpulse0", "libpulse-mainloop-glib0", "fonts-noto-cjk", "libegl1", "libgl1",
    "libfontconfig1", "libdbus-1-3", "libxkbcommon0", "libxkbcommon-x11-0",
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-xinerama0", "libxcb-xkb1",
    "libxcb-randr0", "libxcb-xfixes0", "libglib2.0-0",
]
# The tests also use a real PulseAudio server (null sink microphone) and poppler's
# pdftotext to read the work-log PDF back.
TEST_DEBS = RUN_DEBS + ["pulseaudio", "pulseaudio-utils", "poppler-utils", "xvfb"]


def say(text: str) -> None:
    print(f"[bootstrap] {text}", flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def missing_debs(packages: list[str]) -> list[str]:
    if shutil.which("dpkg-query") is None:
        return []
    missing = []
    for pkg in packages:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True
        )
        if "install ok installed" not in result.stdout:
            missing.append(pkg)
    return missing


def ensure_debs(packages: list[str]) -> None:
    missing = missing_debs(packages)
    if not missing:
        return
    prefix: list[str] = []
    if os.geteuid() != 0:
        if shutil.which("sudo") is None:
            say("missing system packages (install them as root): " + " ".join(missing))
            return
        prefix = ["sudo"]
    say("installing system packages: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(prefix + ["apt-get", "update", "-qq"], check=False, env=env)
    result = subprocess.run(
        prefix + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        env=env,
    )
    if result.returncode != 0:
        # Package names differ a little between releases: install what exists.
        for pkg in missing:
            subprocess.run(prefix + ["apt-get", "install", "-y", "-qq", pkg], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        still = missing_debs(missing)
        if still:
            say("could not install: " + " ".join(still))


def ensure_venv(extras: str) -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may run on an old Python
        sys.exit("FieldArchive needs Python 3.11 or newer; run this with python3.11+.")
    if not venv_python().exists():
        say(f"creating the virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    py = venv_python()
    wanted = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + extras.encode()
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return py
    say("installing FieldArchive and its Python packages (first time takes a few minutes)")
    subprocess.run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    subprocess.run([py, "-m", "pip", "install", "-q", "-e", target], check=True)
    STAMP.write_text(wanted)
    return py


def build_translations(py: Path) -> None:
    # Compiled .qm files are not committed; build them from resources/i18n/*.ts.
    code = "from app.ui.i18n import compile_all_translations; compile_all_translations()"
    subprocess.run([py, "-c", code], cwd=ROOT, check=False)


def run_app(args: list[str]) -> int:
    ensure_debs(RUN_DEBS)
    py = ensure_venv("")
    build_translations(py)
    return subprocess.run([py, "-m", "app", *args], cwd=ROOT).returncode


def run_tests(args: list[str]) -> int:
    ensure_debs(TEST_DEBS)
    py = ensure_venv("test")
    build_translations(py)
    bin_dir = py.parent
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    steps = [
        ("ruff", [bin_dir / "ruff", "check", "app", "tests", "benchmarks", "bootstrap.py"]),
        ("mypy", [bin_dir / "mypy", "app/store", "app/capture", "app/export"]),
        ("pytest", [py, "-m", "pytest", *args]),
    ]
    failed = []
    for name, cmd in steps:
        say(f"running {name}")
        if subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env).returncode != 0:
            failed.append(name)
    if failed:
        say("FAILED: " + ", ".join(failed))
        return 1
    say("all checks passed")
    return 0


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    rest = sys.argv[2:]
    if command == "run":
        return run_app(rest)
    if command == "test":
        return run_tests(rest)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
