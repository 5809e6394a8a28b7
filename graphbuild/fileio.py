"""Writing files safely: atomic writes and one ``path_or_file`` helper.

Every writer of the package (the export formats, the catalog, the annotated view, the
command line's ``--output``) goes through here, so none of them imports another stage
just to write a file.  A leaf module: it imports nothing from graphbuild.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator, Union

#: What a writer accepts: a path, or an open binary file (like ``networkx.readwrite``).
Target = Union[str, os.PathLike, BinaryIO]


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file that becomes ``path`` only when the block ends without error.

    It is a temp file in the same folder, renamed at the end, so readers never see a
    half-written file and an interrupted write leaves the old file as it was.  The temp
    file's name holds this host and process id: one that a killed writer of ``path`` on
    this host left (its process is gone) is removed here.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:                     # a file where a folder should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path.parent)) from None
    prefix = f".{path.name}.{_HOST}."
    _remove_left_temps(path.parent, prefix)
    fd, tmp = tempfile.mkstemp(prefix=f"{prefix}{os.getpid()}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())                # the rename never exposes unwritten data
        os.chmod(tmp, 0o666 & ~_umask())        # mkstemp makes 0600; files follow the umask
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


_HOST = socket.gethostname()
# Per folder, the temp files of this host's writers found there, listed once per process: a
# table of 10,000 Parquet parts must not list its growing folder once per part.
_LEFT: dict[Path, list[str]] = {}


def _remove_left_temps(folder: Path, prefix: str) -> None:
    """Remove the temp files ``prefix`` + pid whose writer, a process of this host, is gone
    (killed by SIGKILL, or the machine stopped): those of other hosts, or of live processes, stay."""
    if folder not in _LEFT:
        try:
            _LEFT[folder] = [n for n in os.listdir(folder) if n.startswith(".") and f".{_HOST}." in n]
        except OSError:
            _LEFT[folder] = []
    for name in [n for n in _LEFT[folder] if n.startswith(prefix)]:
        pid = name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            _LEFT[folder].remove(name)
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:                             # EPERM: alive, another user's
        return True
    return True


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder, then rename."""
    with atomic_file(path) as f:
        f.write(data)


def is_file(target: Target) -> bool:
    """True for an open file (anything with ``write``), False for a path."""
    return hasattr(target, "write")


@contextlib.contextmanager
def path_or_file(target: Target) -> Iterator[BinaryIO]:
    """A binary file for ``target``: the open file itself, or an atomic file at the path."""
    if is_file(target):
        yield target                            # type: ignore[misc]
        return
    with atomic_file(target) as f:              # type: ignore[arg-type]
        yield f


def json_problem(exc: json.JSONDecodeError, line: bool = True) -> str:
    """``malformed JSON (Expecting value at line 1 column 5)``: a JSON error in one phrase
    (the ``json`` module's "Invalid control character at" loses its dangling "at")."""
    msg = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg
    return f"malformed JSON ({msg} at {f'line {exc.lineno} ' if line else ''}column {exc.colno})"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def unicode_name(name: str) -> str:
    """``name`` (a path, a file's name) as text that every writer takes.  A name that is not
    UTF-8 comes from the file system with its bytes as lone surrogates (``os.fsdecode``),
    which no UTF-8 writer, JSON, XML or Parquet file holds: those bytes are written as
    backslash escapes, ``b"caf\\xe9.txt"`` -> ``"caf\\\\xe9.txt"``.  Other names are returned as
    they are."""
    if name.isascii():
        return name
    try:
        data = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:                 # a surrogate that no file name holds: escaped too
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return data.decode("utf-8", "backslashreplace")
