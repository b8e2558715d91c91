"""A results folder held by one command at a time.

A command that writes a results folder (or reads it to write an analysis) holds an exclusive
advisory lock (``flock``) on ``.citysim.lock`` in the folder, which records the holder's PID, host,
command and start time. A second command does not wait: it says who holds the folder and stops.
The kernel releases the lock when its holder dies, whatever kills it, so a lock is never stale;
the file is removed on release. Holding is re-entrant within a process (a comparison holds its
folder while it runs the batch, which holds it too).
"""

from __future__ import annotations

import fcntl
import json
import os
import platform
import shlex
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

LOCK_FILE = ".citysim.lock"
_held: dict[Path, list[int]] = {}
"""The folders this process holds: [file descriptor, depth]."""


class FolderBusy(ValueError):
    """The folder is held by another command; the message says which."""


def this_command() -> str:
    """The command line that started this process, as one could type it again."""
    if not sys.argv or not sys.argv[0]:
        return ""
    program = Path(sys.argv[0])
    start = ["python", "-m", program.parent.name] if program.name == "__main__.py" else [program.name]
    return shlex.join([*start, *sys.argv[1:]])


HOLDER_WAIT_S = 1.0
"""How long a refused command waits for the holder to write who it is (it takes the lock, then writes)."""


def _holder(fd: int) -> str:
    deadline = time.monotonic() + HOLDER_WAIT_S
    while True:
        try:
            info = json.loads(os.pread(fd, 4096, 0) or b"{}")
            return f"PID {info['pid']} on {info['host']} ({info['command']}, since {info['started']})"
        except (OSError, ValueError, KeyError, TypeError):
            if time.monotonic() >= deadline:
                return "another command"
            time.sleep(0.02)  # the holder has the lock but has not written yet


def _acquire(folder: Path, command: str) -> int:
    path = folder / LOCK_FILE
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise FolderBusy(f"{folder}: in use by {holder}; wait until it ends (or stop it) and try again") \
                from None
        try:  # the holder before us may have removed the file after we opened it: lock the one that is there
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    info = {"pid": os.getpid(), "host": platform.node(), "command": command,
            "started": datetime.now().astimezone().isoformat(timespec="seconds")}
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
    except OSError:
        pass  # a full disk: the lock holds all the same, only who holds it goes unsaid
    return fd


@contextmanager
def holding(folder: Path, command: str | None = None) -> Iterator[None]:
    """Hold ``folder`` (which must exist) for the block; `FolderBusy` if another command holds it."""
    key = folder.resolve()
    if key in _held:
        _held[key][1] += 1
    else:
        _held[key] = [_acquire(key, (command or this_command())[:300]), 1]
    try:
        yield
    finally:
        _held[key][1] -= 1
        if _held[key][1] == 0:
            fd, _ = _held.pop(key)
            try:
                (key / LOCK_FILE).unlink(missing_ok=True)  # while still held: no one locks a file we remove
            finally:
                os.close(fd)


def is_lock_file(path: Path) -> bool:
    return path.name == LOCK_FILE
