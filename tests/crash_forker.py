"""The crash tests' fork server (see ``tests/crash_support.py``): imports the program once,
then forks one child per request, each running ``app.cli.main``; reports each child's pid
when started and its wait status when it ends.

Requests on stdin, one JSON object a line: ``{"argv": [...], "out": PATH, "err": PATH,
"stdin": TEXT}``. Replies on stdout: ``started PID`` then ``ended PID STATUS``.
"""

from __future__ import annotations

import io
import json
import os
import sys

import app.cli  # noqa: F401  (imported once, before any fork: the point of this server)


def _child(request: dict[str, object]) -> None:
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    for fd, path in ((1, request["out"]), (2, request["err"])):
        target = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(target, fd)
        os.close(target)
    # As with a pipe: stdout block-buffered, so only what the program flushes is said.
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8")
    sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), encoding="utf-8",
                                  line_buffering=True)
    sys.stdin = io.StringIO(str(request.get("stdin") or ""))
    argv = [str(a) for a in request["argv"]]  # type: ignore[attr-defined]
    sys.argv = ["fieldarchive", *argv]
    code = 70
    try:
        code = app.cli.main(argv)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request)
        print(f"started {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"ended {pid} {status}", flush=True)


if __name__ == "__main__":
    main()
