"""Which programs have a store open for writing: a lock file each of them holds shared.

Crash recovery deletes what a writer left in the vault's pending area (partial copies,
recordings in progress, placed files whose row never committed). That is only right when
the writer is dead. Every program that opens a store writable therefore holds a *shared*
lock on ``store.lock`` for as long as it has the store open, and an opener recovers only
when it can take the lock *exclusively*: no other live program has the store. The
operating system drops a dead program's lock with its process, so a killed writer's
leftovers are still cleaned at the next open.

POSIX uses ``flock`` (per open file, so two opens in one process exclude each other like
two programs). Windows uses ``LockFileEx`` on the file's first byte: a shared lock may
overlap an exclusive one taken through the same handle, so the exclusive lock turns into a
shared one without ever being let go. Where the file system cannot lock at all, the opener
never counts as alone: recovery is skipped rather than risking another program's files.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from pathlib import Path
from typing import BinaryIO

LOCK_FILE = "store.lock"
POLL_SECONDS = 0.02


class LockUnavailable(OSError):
    """The file system does not lock files (some network shares)."""


if sys.platform == "win32":
    import ctypes
    import msvcrt
    from ctypes import wintypes

    _LOCKFILE_FAIL_IMMEDIATELY = 0x1
    _LOCKFILE_EXCLUSIVE_LOCK = 0x2
    _ERROR_LOCK_VIOLATION = 33
    _ERROR_IO_PENDING = 997

    class _Overlapped(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p),
                    ("Offset", wintypes.DWORD), ("OffsetHigh", wintypes.DWORD),
                    ("hEvent", wintypes.HANDLE)]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _LockFileEx = _kernel32.LockFileEx
    _LockFileEx.argtypes = [wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD, wintypes.DWORD,
                            wintypes.DWORD, ctypes.POINTER(_Overlapped)]
    _LockFileEx.restype = wintypes.BOOL
    _UnlockFileEx = _kernel32.UnlockFileEx
    _UnlockFileEx.argtypes = [wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD,
                              wintypes.DWORD, ctypes.POINTER(_Overlapped)]
    _UnlockFileEx.restype = wintypes.BOOL

    def _handle(f: BinaryIO) -> int:
        return int(msvcrt.get_osfhandle(f.fileno()))

    def _try_lock(f: BinaryIO, exclusive: bool) -> bool:
        flags = _LOCKFILE_FAIL_IMMEDIATELY | (_LOCKFILE_EXCLUSIVE_LOCK if exclusive else 0)
        if _LockFileEx(_handle(f), flags, 0, 1, 0, ctypes.byref(_Overlapped())):
            return True
        code = ctypes.get_last_error()
        if code in (_ERROR_LOCK_VIOLATION, _ERROR_IO_PENDING):
            return False
        raise LockUnavailable(code, ctypes.FormatError(code))

    def _downgrade(f: BinaryIO) -> bool:
        # Shared on top of our own exclusive lock (allowed through the same handle), then
        # the first unlock removes the exclusive one: never a moment without a lock.
        if not _try_lock(f, exclusive=False):
            return False
        _UnlockFileEx(_handle(f), 0, 1, 0, ctypes.byref(_Overlapped()))
        return True

else:
    import fcntl

    def _try_lock(f: BinaryIO, exclusive: bool) -> bool:
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        try:
            fcntl.flock(f.fileno(), mode)
            return True
        except OSError as err:
            if err.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise LockUnavailable(err.errno, err.strerror) from err

    def _downgrade(f: BinaryIO) -> bool:
        # flock converts by letting go and locking again; in that instant another opener
        # may find itself alone and recover, which is harmless: this program has nothing
        # in flight yet (it is still opening the store).
        return _try_lock(f, exclusive=False)


class StoreLock:
    """A writable opener's hold on a store folder; release it by ``close()``."""

    def __init__(self, file: BinaryIO | None, alone: bool) -> None:
        self._file = file
        # No other live program had the store open writable when this lock was taken.
        self.alone = alone

    @classmethod
    def take(cls, root: Path, timeout: float) -> StoreLock:
        """Lock exclusively if no one else has the store, else shared.

        Holds the lock exclusively on return when ``alone``: call ``share()`` once
        recovery is done. Waits up to ``timeout`` seconds for an opener that is recovering
        right now; raises TimeoutError if it does not finish.
        """
        file = open(root / LOCK_FILE, "ab", buffering=0)  # held until close()
        try:
            if _try_lock(file, exclusive=True):
                return cls(file, alone=True)
            deadline = time.monotonic() + timeout
            while not _try_lock(file, exclusive=False):
                if time.monotonic() >= deadline:
                    raise TimeoutError(errno.ETIMEDOUT, "another program is opening the store")
                time.sleep(POLL_SECONDS)
            return cls(file, alone=False)
        except LockUnavailable:
            # Nothing can tell whether another program is live: never count as alone.
            file.close()
            return cls(None, alone=False)
        except BaseException:
            file.close()
            raise

    def share(self, timeout: float) -> None:
        """Recovery is over: let other programs open the store beside this one."""
        if self._file is None or not self.alone:
            return
        self.alone = False
        deadline = time.monotonic() + timeout
        while not _downgrade(self._file):
            if time.monotonic() >= deadline:
                raise TimeoutError(errno.ETIMEDOUT, "another program is opening the store")
            time.sleep(POLL_SECONDS)

    def close(self) -> None:
        """Let go (closing the file drops the lock)."""
        if self._file is not None:
            self._file.close()
            self._file = None


def remove_lock_file(root: Path) -> None:
    """Only for a store whose creation failed: leave the folder as it was found."""
    try:
        os.unlink(root / LOCK_FILE)
    except OSError:
        pass


def held_by_others(root: Path) -> bool:
    """Does another live program have the store open writable right now?

    Looks without creating anything: a missing lock file means no holder. Asks for the lock
    exclusively and lets go at once; a writer opening in that instant just takes it shared
    (and skips recovery). Where the file system cannot lock, a holder is assumed.
    """
    return is_held(root / LOCK_FILE)


def hold_shared(path: Path) -> BinaryIO:
    """Create ``path`` and hold it locked (shared) until the returned file is closed: what
    ``is_held`` asks about (a review's snapshot in the cache folder, while it is read)."""
    file = open(path, "ab", buffering=0)
    try:
        _try_lock(file, exclusive=False)
    except LockUnavailable:
        pass  # is_held then assumes a holder: nothing is removed
    return file


def is_held(path: Path) -> bool:
    """Does a live program hold ``path`` locked? (A missing file: no.)"""
    try:
        file = open(path, "rb", buffering=0)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    try:
        return not _try_lock(file, exclusive=True)
    except LockUnavailable:
        return True
    finally:
        file.close()  # drops the lock, if it was taken
