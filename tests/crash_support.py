"""Machinery for the crash tests (no tests here): run the real program, SIGKILL it at a
seeded random moment of its work, then open the store as the next start does and check it.

The program: ``app.cli.main`` with the command's arguments, in a process of its own with
stdout and stderr in files. Interpreter start-up and imports take about 2 s here, longer
than most of the work being killed, so most runs are forked from a process that has
already imported the program (``tests/crash_forker.py``, with ``app.cli``
preloaded): the same code from ``main`` on, in a separate process, killed for real. Every
``EXEC_EVERY``-th run (and the first of each operation) is the installed ``fieldarchive``
executable itself, started from scratch.

The moment: a run's work starts when it opens ``store.lock`` (seen in ``/proc/PID/fd``);
it is killed ``uniform(0, window)`` seconds later, the window being how long an unkilled
run of the same operation worked. A run that finishes first is not counted as a kill.

Environment: ``FA_CRASH_KILLS`` (default 100) scales every operation's number of kills
(the defaults add up to 100); ``FA_CRASH_SEED`` repeats a run's kill moments (the seed is
printed in every failure); ``FA_CRASH_EXEC_EVERY`` (default 10) how often the executable
itself is run.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import os
import random
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.store.integrity import check_store
from app.store.store import Store
from app.store.store_lock import LOCK_FILE
from app.store.vault import INTENT, PART

REPO = Path(__file__).resolve().parents[1]
FIELDARCHIVE = Path(sys.executable).parent / "fieldarchive"
ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

SCALE = int(os.environ.get("FA_CRASH_KILLS", "100")) / 100
SEED = int(os.environ.get("FA_CRASH_SEED") or random.SystemRandom().randrange(1 << 31))
EXEC_EVERY = max(1, int(os.environ.get("FA_CRASH_EXEC_EVERY", "10")))
RUN_TIMEOUT = 120.0
DEBUG = bool(os.environ.get("FA_CRASH_DEBUG"))


def kills_for(default: int) -> int:
    """This operation's number of kills, scaled by FA_CRASH_KILLS."""
    return max(1, math.ceil(default * SCALE))


def rng_for(operation: str) -> random.Random:
    """One generator per operation: its kill moments do not depend on the others'."""
    return random.Random(f"{SEED}:{operation}")


# -- the tally ---------------------------------------------------------------------------------

@dataclass
class Count:
    kills: int = 0  # runs killed while working, each followed by a clean check
    executable: int = 0  # of which the installed executable, started from scratch
    finished: int = 0  # runs that ended before their kill moment
    cleaned: int = 0  # kills that left something in the pending area for the next start
    reported: int = 0  # items/entries the killed runs had reported stored, all found intact


TALLY: dict[str, Count] = {}


def tally_text() -> str:
    lines = [f"crash tally (seed {SEED}, FA_CRASH_KILLS={round(SCALE * 100)}):"]
    for op, c in TALLY.items():
        lines.append(f"  {op:<12} {c.kills:4d} kills survived ({c.executable} by the executable)"
                     f", {c.cleaned} left leftovers cleaned at the next start, {c.reported} "
                     f"reported results intact, {c.finished} runs finished first")
    lines.append(f"  {'total':<12} {sum(c.kills for c in TALLY.values()):4d} kills, 0 losses")
    return "\n".join(lines)


@contextlib.contextmanager
def seeded(what: str) -> Iterator[None]:
    """Name the seed (and what was being checked) in any failure inside."""
    try:
        yield
    except AssertionError as err:
        raise AssertionError(f"[FA_CRASH_SEED={SEED}] {what}: {err}") from err


# -- running the program ----------------------------------------------------------------------

class _Forker:
    """The fork server (``tests/crash_forker.py``), started once with the environment the
    tests set up by then (offscreen Qt, the private PulseAudio)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.crash_forker"], cwd=REPO,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     bufsize=1)

    def start(self, argv: Sequence[str], out: Path, err: Path, stdin_text: str | None) -> int:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"argv": list(argv), "out": str(out),
                                          "err": str(err), "stdin": stdin_text}) + "\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline().split()
        assert reply[:1] == ["started"], reply
        return int(reply[1])

    def ended(self, timeout: float) -> int | None:
        """The last child's exit code (negative: the signal), or None if still running."""
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        reply = self.proc.stdout.readline().split()
        assert reply[:1] == ["ended"], reply
        return os.waitstatus_to_exitcode(int(reply[2]))


_FORKER: _Forker | None = None


def _forker() -> _Forker:
    global _FORKER
    if _FORKER is None or _FORKER.proc.poll() is not None:
        _FORKER = _Forker()
    return _FORKER


class Run:
    """One run of the program: ``poll()``, ``kill()``, its output once it has ended."""

    def __init__(self, argv: Sequence[str], folder: Path, executable: bool,
                 stdin_text: str | None = None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.out = folder / "stdout"
        self.err = folder / "stderr"
        self.executable = executable
        self.started = time.monotonic()
        self._proc: Any = None
        self._code: int | None = None
        if executable:
            stdin = folder / "stdin"
            stdin.write_text(stdin_text or "", "utf-8")
            with open(stdin, "rb") as fin, open(self.out, "wb") as fout, \
                    open(self.err, "wb") as ferr:
                self._proc = subprocess.Popen([str(FIELDARCHIVE), *argv], cwd=REPO,
                                              stdin=fin, stdout=fout, stderr=ferr)
            self.pid: int = self._proc.pid
        else:
            self.pid = _forker().start(argv, self.out, self.err, stdin_text)

    def poll(self) -> int | None:
        if self.executable:
            return self._proc.poll()  # type: ignore[no-any-return]
        if self._code is None:
            self._code = _forker().ended(0)
        return self._code

    def wait(self, timeout: float = RUN_TIMEOUT) -> int:
        if self.executable:
            return self._proc.wait(timeout)  # type: ignore[no-any-return]
        if self._code is None:
            self._code = _forker().ended(timeout)
        if self._code is None:
            raise TimeoutError(f"run {self.pid} still going after {timeout} s")
        return self._code

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)

    def holds_store(self, store_root: Path) -> bool:
        """Whether the process has the store's lock file open: its work has begun."""
        lock = str(store_root / LOCK_FILE)
        try:
            for fd in os.listdir(f"/proc/{self.pid}/fd"):
                with contextlib.suppress(OSError):
                    if os.readlink(f"/proc/{self.pid}/fd/{fd}") == lock:
                        return True
        except OSError:
            pass
        return False

    def stdout(self) -> str:
        return self.out.read_text("utf-8", errors="replace")

    def stderr(self) -> str:
        return self.err.read_text("utf-8", errors="replace")


@dataclass
class Outcome:
    run: Run
    killed: bool
    code: int
    delay: float  # seconds after the work began that the kill was sent (or would have been)
    worked: float  # seconds from the work's start to the process's end


def run_once(argv: Sequence[str], store_root: Path, folder: Path, *, executable: bool,
             kill_after: float | None, stdin_text: str | None = None,
             on_working: Callable[[], None] | None = None,
             kill_when: Callable[[], bool] | None = None) -> Outcome:
    """Run the program; once it holds the store, kill it ``kill_after`` seconds later
    (None: let it finish), or as soon as ``kill_when()`` says so."""
    run = Run(argv, folder, executable, stdin_text)
    deadline = time.monotonic() + RUN_TIMEOUT
    began: float | None = None
    killed = False
    try:
        while run.poll() is None:
            now = time.monotonic()
            if now > deadline:
                raise TimeoutError(f"{' '.join(argv)} ran over {RUN_TIMEOUT} s: {run.stderr()}")
            if began is None and run.holds_store(store_root):
                began = now
                if on_working is not None:
                    on_working()
            if began is not None and (
                    (kill_after is not None and now - began >= kill_after)
                    or (kill_when is not None and kill_when())):
                run.kill()
                killed = True
                break
            time.sleep(0.002)
        code = run.wait()
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    ended = time.monotonic()
    worked = ended - (began if began is not None else run.started)
    return Outcome(run, killed and code == -signal.SIGKILL, code,
                   kill_after if kill_after is not None else 0.0, worked)


def calibrate(argv: Sequence[str], store_root: Path, folder: Path,
              stdin_text: str | None = None) -> tuple[float, Outcome]:
    """One unkilled run: how long the work takes, and its outcome."""
    done = run_once(argv, store_root, folder, executable=False, kill_after=None,
                    stdin_text=stdin_text)
    assert done.code == 0, (done.code, done.run.stderr())
    return max(done.worked, 0.05), done


def kill_loop(operation: str, kills: int, window: float,
              make_run: Callable[[int, bool, float], Outcome],
              after: Callable[[Outcome], None], max_tries_factor: int = 4) -> Count:
    """Run ``make_run(n, executable, kill_after)`` until ``kills`` runs were killed mid-work,
    calling ``after`` on every outcome (killed or finished); returns the tally."""
    rng = rng_for(operation)
    count = TALLY.setdefault(operation, Count())
    tries = 0
    while count.kills < kills:
        tries += 1
        assert tries <= kills * max_tries_factor, (
            f"{operation}: only {count.kills} of {kills} runs were killed in {tries - 1} tries "
            f"(they finish before the kill moment; window {window:.3f} s)")
        executable = count.kills % EXEC_EVERY == 0
        delay = rng.uniform(0, 0.8 * window)
        t0 = time.monotonic()
        outcome = make_run(tries, executable, delay)
        t1 = time.monotonic()
        with seeded(f"{operation} run {tries} ({'executable' if executable else 'forked'}, "
                    f"{'killed' if outcome.killed else 'finished'} {delay:.3f} s into its "
                    f"work)"):
            if not outcome.killed:
                assert outcome.code == 0, (outcome.code, outcome.run.stderr())
            after(outcome)
        if DEBUG:
            print(f"{operation} {tries}: run {t1 - t0:.2f} s (worked {outcome.worked:.2f}, "
                  f"kill at {delay:.2f}, killed {outcome.killed}), after "
                  f"{time.monotonic() - t1:.2f} s")
        if outcome.killed:
            count.kills += 1
            count.executable += executable
        else:
            count.finished += 1
    return count


# -- after a kill: the next start, then the check ----------------------------------------------

def pending_leftovers(store_root: Path) -> list[str]:
    pending = store_root / "vault" / ".pending"
    if not pending.is_dir():
        return []
    return sorted(p.name for p in pending.iterdir() if p.name.endswith((PART, INTENT)))


@dataclass
class Reopened:
    recovered: list[str] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)
    said: str = ""  # what the command line says at that start


def next_start(store_root: Path, count: Count) -> Reopened:
    """Open the store as the next program would (recovery runs), as the command line does
    it (so what it says about the recovery is seen), then check it: clean, nothing left."""
    from app.cli.common import report_interrupted_exports, report_recovery
    from app.export.interrupted import settle_interrupted_exports

    before = pending_leftovers(store_root)
    said = io.StringIO()
    with Store.open(store_root) as store, contextlib.redirect_stderr(said):
        report_recovery(store)
        report_interrupted_exports(settle_interrupted_exports(store))
        reopened = Reopened(list(store.recovered), list(store.unfinished), said.getvalue())
        assert pending_leftovers(store_root) == [], "the pending area was not cleaned"
        report = check_store(store)
        assert report.ok, [f.message for f in report.findings]
    placed_parts = [n for n in before if n.endswith(PART)]
    if reopened.recovered or reopened.unfinished:
        count.cleaned += 1
        assert "was interrupted" in reopened.said, reopened.said
        # Every unfinished copy or recording in the pending area was named and removed.
        assert set(reopened.unfinished) <= set(placed_parts), (reopened.unfinished, before)
    else:  # nothing of the store's own to clear: at most a killed export's partial package
        assert reopened.said == "" or reopened.said.startswith(
            "fieldarchive: an export was interrupted"), reopened.said
    return reopened


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored_sha256(store_root: Path, item_id: str, role: str = "original") -> str | None:
    """The SHA-256 of the bytes in the vault for an item's file (None: no such item)."""
    from app.store.repositories import Repositories

    with Store.open(store_root, readonly=True) as store:
        repos = Repositories(store)
        try:
            item = repos.items.get(item_id)
        except Exception:
            return None
        f = item.file(role)
        if f is None:
            return None
        with repos.items.open_file(f.vault_path) as fh:
            return hashlib.sha256(fh.read()).hexdigest()


def cli_check_clean(store_root: Path) -> dict[str, Any]:
    """``fieldarchive check --json`` itself (the executable): exit 0, no findings."""
    import json

    done = subprocess.run([str(FIELDARCHIVE), "check", "--store", str(store_root), "--json"],
                          capture_output=True, text=True, cwd=REPO, timeout=RUN_TIMEOUT)
    assert done.returncode == 0, (done.stdout, done.stderr)
    result: dict[str, Any] = json.loads(done.stdout)
    assert result["ok"] and result["findings"] == [], result
    return result
