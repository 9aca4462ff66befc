"""A real PulseAudio server for the tests: a null sink and a microphone that Qt can record.

``ensure()`` gives this test process its own PulseAudio daemon (own socket, started on first
call, stopped at exit) with the null sink ``fieldsink`` and the remapped source ``fieldmic``,
shown as "FieldMic" (Qt ignores bare ``.monitor`` sources), and points ``PULSE_SERVER`` at
it, so Qt, ``paplay`` and the program in a subprocess all use it. Whatever is played into
``fieldsink`` is what FieldMic hears. A private daemon means test runs going on at the same
time cannot hear each other's tones, and a developer's own sound setup is left alone. Call
it before anything in the process asks Qt for audio devices (Qt connects once). It returns
None when ready, or the reason the machine cannot run PulseAudio (tests then skip).

``ensure_shared()`` does the same on the user's default daemon (starting it if none
answers; this works as root, PulseAudio only warns): that is what ``python -m tests.pulse``
does, for trying the command line by hand.

``PrivateServer`` is the daemon itself; tests that unplug a microphone start one more, so
removing it disturbs nothing else and the recording cannot quietly move to another device.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

SINK = "fieldsink"
MIC_SOURCE = "fieldmic"
MIC_NAME = "FieldMic"
START_TIMEOUT = 10.0
PRIVATE_PREFIX = "fieldarchive-pulse-"


def _run(args: list[str], env: dict[str, str] | None = None,
         timeout: float = 15.0) -> subprocess.CompletedProcess[str]:
    """Run a PulseAudio tool; ``env`` adds variables (an empty value removes one)."""
    merged = {**os.environ, **(env or {})}
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                          env={k: v for k, v in merged.items() if v != ""})


def server_answers(env: dict[str, str] | None = None) -> bool:
    try:
        return _run(["pactl", "info"], env, timeout=5).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _wait_for_server(env: dict[str, str] | None = None) -> bool:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server_answers(env):
            return True
        time.sleep(0.1)
    return False


def _names(kind: str, env: dict[str, str] | None = None) -> list[str]:
    result = _run(["pactl", "list", "short", kind], env)
    return [line.split("\t")[1] for line in result.stdout.splitlines() if "\t" in line]


def _load(module: str, *params: str, env: dict[str, str] | None = None) -> str:
    result = _run(["pactl", "load-module", module, *params], env)
    if result.returncode != 0:
        raise RuntimeError(f"pactl load-module {module} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def _mic_params(sink: str, source: str, name: str) -> list[str]:
    return [f"master={sink}.monitor", f"source_name={source}",
            f"source_properties=device.description={name}"]


def _tools_missing() -> str | None:
    for tool in ("pulseaudio", "pactl", "paplay"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: apt-get install pulseaudio pulseaudio-utils)"
    return None


def _add_test_devices(env: dict[str, str] | None = None) -> str | None:
    try:
        if SINK not in _names("sinks", env):
            _load("module-null-sink", f"sink_name={SINK}", env=env)
        if MIC_SOURCE not in _names("sources", env):
            _load("module-remap-source", *_mic_params(SINK, MIC_SOURCE, MIC_NAME), env=env)
    except RuntimeError as err:
        if MIC_SOURCE not in _names("sources", env):  # not a race with another run
            return str(err)
    return None


_SERVER: PrivateServer | None = None


def ensure() -> str | None:
    """This process's own PulseAudio with FieldMic; None when ready, else why not."""
    global _SERVER
    problem = _tools_missing()
    if problem or _SERVER is not None:
        return problem
    _reap_orphans()
    server = PrivateServer(Path(tempfile.mkdtemp(prefix=PRIVATE_PREFIX)),
                           mic_name=MIC_NAME, sink=SINK, source=MIC_SOURCE)
    (server.folder / "owner").write_text(str(os.getpid()))
    problem = server.start()
    if problem is not None:
        server.stop()
        return problem
    os.environ.update(server.env)
    atexit.register(server.stop)
    _SERVER = server
    return None


def _reap_orphans() -> None:
    """Stop private daemons whose test process died without its exit handler (killed)."""
    for folder in Path(tempfile.gettempdir()).glob(PRIVATE_PREFIX + "*"):
        try:
            owner = int((folder / "owner").read_text())
        except (OSError, ValueError):
            continue  # not ours to judge
        try:
            os.kill(owner, 0)
            continue  # its test run is still going
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        PrivateServer(folder).stop()


def ensure_shared() -> str | None:
    """The user's default PulseAudio with FieldMic (started if needed); None when ready."""
    problem = _tools_missing()
    if problem:
        return problem
    if not server_answers():
        # -n: no default.pa (no hardware modules); the native protocol lets clients in.
        started = _run(["pulseaudio", "-D", "-n", "--exit-idle-time=-1",
                        f"--load=module-null-sink sink_name={SINK}",
                        "--load=module-native-protocol-unix"])
        if not _wait_for_server():
            return ("PulseAudio could not be started: "
                    f"{(started.stderr or started.stdout).strip() or 'no answer'}")
    return _add_test_devices()


def add_sine_source(source: str, frequency: int = 440, rate: int | None = None) -> str | None:
    """A PulseAudio ``module-sine-source`` named ``source`` on this process's server (Qt finds
    it by that name): unlike FieldMic it makes float samples, mono, at its own rate, and
    hands them out in blocks of seconds. The default source stays FieldMic. None when ready."""
    try:
        if source not in _names("sources"):
            params = [f"source_name={source}", f"frequency={frequency}"]
            if rate is not None:
                params.append(f"rate={rate}")
            _load("module-sine-source", *params)
        _run(["pactl", "set-default-source", MIC_SOURCE])
    except (RuntimeError, OSError, subprocess.SubprocessError) as err:
        return str(err)
    return None


def write_tone(path: Path, seconds: float, frequency: float = 1000.0, amplitude: float = 0.5,
               rate: int = 48000, channels: int = 1) -> Path:
    """A sine tone as 16-bit WAV."""
    t = np.arange(int(seconds * rate)) / rate
    wave_data = (amplitude * np.sin(2 * np.pi * frequency * t) * 32767).astype("<i2")
    if channels > 1:
        wave_data = np.repeat(wave_data, channels)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(wave_data.tobytes())
    return path


def play(path: Path, sink: str = SINK,
         env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Play a WAV into ``sink`` in the background; kill the process to stop."""
    return subprocess.Popen(["paplay", f"--device={sink}", str(path)],
                            env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop_playing(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.wait(timeout=10)


class PrivateServer:
    """A separate PulseAudio daemon (own socket and runtime folder) with one microphone."""

    def __init__(self, folder: Path, mic_name: str = "GoneMic", sink: str = "gonesink",
                 source: str = "gonemic") -> None:
        self.folder = folder
        self.mic_name = mic_name
        self.sink = sink
        self.source = source
        self.socket = folder / "native"
        self.env = {"PULSE_SERVER": f"unix:{self.socket}"}
        self._daemon_env = {"PULSE_RUNTIME_PATH": str(folder / "runtime"),
                            "PULSE_STATE_PATH": str(folder / "state")}
        self._sink_module: str | None = None

    def start(self) -> str | None:
        """Start it; None when ready, else why not."""
        self.folder.mkdir(parents=True, exist_ok=True)
        started = _run(["pulseaudio", "-D", "-n", "--exit-idle-time=-1",
                        f"--load=module-native-protocol-unix socket={self.socket}"],
                       {**self._daemon_env, "PULSE_SERVER": ""})
        if not _wait_for_server(self.env):
            return ("PulseAudio could not be started: "
                    f"{(started.stderr or started.stdout).strip() or 'no answer'}")
        try:
            self._sink_module = _load("module-null-sink", f"sink_name={self.sink}",
                                      env=self.env)
            _load("module-remap-source", *_mic_params(self.sink, self.source, self.mic_name),
                  env=self.env)
        except RuntimeError as err:
            return str(err)
        return None

    def unplug(self) -> None:
        """Remove the sink and with it the microphone: like pulling a USB microphone."""
        if self._sink_module is not None:
            _run(["pactl", "unload-module", self._sink_module], self.env)
            self._sink_module = None

    def stop(self) -> None:
        _run(["pactl", "exit"], self.env)
        pid_file = self.folder / "runtime" / "pid"
        deadline = time.monotonic() + 5
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PrivateServer:
        problem = self.start()
        if problem is not None:
            self.stop()
            raise RuntimeError(problem)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


if __name__ == "__main__":
    reason = ensure_shared()
    if reason is not None:
        print(f"PulseAudio not ready: {reason}", file=sys.stderr)
        sys.exit(1)
    print(_run(["pactl", "list", "short", "sources"]).stdout, end="")
    sys.exit(0)
