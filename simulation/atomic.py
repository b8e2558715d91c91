"""Files that are whole or absent: written to a temporary name beside their place, flushed to the
disk, then renamed into place (a rename within a folder is atomic on POSIX file systems).

A crash, a signal or a full disk leaves at most a temporary, never a cut file under the real
name; temporaries are named as `TEMPORARY` says, so a later command holding the folder's lock
can tell them from anything else and remove them (`remove_temporaries`).

Content is made in memory first and written by Python (`parquet_bytes` for tables): a full disk
is then always an `OSError` with its errno (polars' own writer reports it as a parquet error).
"""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

TEMPORARY = re.compile(r"\..+\.partial-\d+")
"""The name of a temporary file or folder: ``.<name>.partial-<pid>``."""
DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def disk_full(exc: BaseException) -> bool:
    """Whether an error means there is no room left to write (a full disk, an exhausted quota)."""
    return isinstance(exc, OSError) and exc.errno in DISK_FULL


def temporary(path: Path) -> Path:
    """The temporary name of ``path`` for this process."""
    return path.with_name(f".{path.name}.partial-{os.getpid()}")


def is_temporary(path: Path) -> bool:
    return TEMPORARY.fullmatch(path.name) is not None


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename into it) to the disk."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is still atomic
    finally:
        os.close(fd)


def parquet_bytes(frame: pl.DataFrame) -> bytes:
    """A table as Parquet, in memory."""
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def write_synced(path: Path, data: bytes | str) -> None:
    """Write ``path`` (text as UTF-8) and flush it to the disk."""
    with path.open("wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        fh.flush()
        os.fsync(fh.fileno())


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``path`` whole or not at all: a synced temporary renamed into place; on any failure (a
    full disk, a signal) the temporary is removed and the error raised."""
    tmp = temporary(path)
    try:
        write_synced(tmp, data)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def remove_temporaries(folder: Path) -> None:
    """Remove the temporaries left in ``folder`` by an interrupted write (call it holding the lock)."""
    if not folder.is_dir():
        return
    for stale in folder.iterdir():
        if is_temporary(stale):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)
