"""A build's output folder written as one transaction.

    with StagedOutput("out/") as out:       # lock, leftovers cleaned, writable checked
        g = build_corpus(...)               # (the long part: nothing written yet)
        write_files(g, out.path)            # every file into the staging folder
    # here "out/" is the new build, whole; after an exception it is the old one, whole

* The files go into a staging folder beside the target (``.out.staging-XXXX``), which is
  swapped with the target in one ``renameat2(RENAME_EXCHANGE)`` (two renames where that
  call is missing; a killed run between them is repaired by the next one), so a reader
  sees the old build or the new one, never a mix.  Files in the target that are not
  graphbuild outputs (:data:`OUTPUT_NAMES`) are carried over; outputs the new build does
  not write are not, since they belong to the old build.
* A lock file beside the target (``.out.lock``, ``flock``) refuses a second build into
  the same folder while one runs (:class:`OutputBusy`); the kernel drops the lock when
  its process dies, even by ``kill -9``.
* Entering cleans what a killed run left (staging and swapped-out folders, temp files of
  :func:`~graphbuild.resolve.catalog.atomic_file`) and creates the staging folder, so an
  output folder that cannot be written fails before any parsing.
* A target that is a mount point cannot be renamed, nor one whose parent folder we may not
  write into be given a sibling: its staging folder and lock are inside it and the entries
  are moved in one at a time (each atomically, the set not).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import tempfile
from pathlib import Path

#: What a build writes into its folder; everything else there is the user's and is kept.
OUTPUT_NAMES = frozenset({"graph.graphml", "graph.gexf", "graph.json", "graph.cypher", "graph.html",
                          "summary.json", "csv", "tables"})
_TEMP = re.compile(r"\.(graph\.\w+|summary\.json|(?:nodes|rels)_\w+\.csv|import\.sh)\.[a-z0-9_]{8}")


class OutputBusy(OSError):
    """Another process is writing the same output folder."""


class StagedOutput:
    """The output folder ``target`` for one build: see the module's docstring."""

    def __init__(self, target: str | os.PathLike):
        self.target = Path(os.path.abspath(target))
        self.parent, self.name = self.target.parent, self.target.name
        # A mount point cannot be renamed, and a folder whose parent we may not write into
        # cannot get a sibling: then the staging folder and the lock are inside the target.
        self.inside = os.path.ismount(self.target) or (
            self.target.is_dir() and not os.access(self.parent, os.W_OK | os.X_OK))
        self.path: Path = self.target           # the staging folder, once entered
        self._lock_fd: int | None = None

    def open(self) -> "StagedOutput":
        """Take the lock, clean a killed run's leftovers, create the staging folder (a
        folder that cannot be written fails here); returns ``self``."""
        if self.target.exists() and not self.target.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "a file, not a folder", str(self.target))
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError:                  # a file where a folder should be
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(self.parent)) from None
        self._lock()
        try:
            self._recover()
            home = self.target if self.inside else self.parent
            self.path = Path(tempfile.mkdtemp(prefix=self._prefix("staging"), dir=home))
            os.chmod(self.path, _folder_mode(self.target))       # mkdtemp makes 0700
            _probe(self.path)
        except BaseException:
            self._unlock()
            raise
        return self

    def close(self) -> None:
        """Remove the staging folder (whatever was not committed) and drop the lock."""
        try:
            if self.path != self.target:
                shutil.rmtree(self.path, ignore_errors=True)
        finally:
            self._unlock()

    def __enter__(self) -> "StagedOutput":
        return self.open()

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.commit()
        finally:
            self.close()

    # -- the swap ------------------------------------------------------------------------
    def commit(self) -> None:
        """Make the staging folder the target (called by ``__exit__`` without an error)."""
        _fsync_dir(self.path)
        if self.inside:
            return self._move_entries()
        if self.target.exists():
            self._carry_over()
            if not _exchange(self.path, self.target):
                old = Path(tempfile.mkdtemp(prefix=self._prefix("old"), dir=self.parent))
                os.rename(self.target, old / "build")         # a killed run here: _recover
                os.rename(self.path, self.target)
                self.path = old
        else:
            os.rename(self.path, self.target)
        _fsync_dir(self.parent)

    def _carry_over(self) -> None:
        for entry in os.scandir(self.target):
            if entry.name in OUTPUT_NAMES or _TEMP.fullmatch(entry.name):
                continue
            dest = self.path / entry.name
            if entry.is_dir(follow_symlinks=False):
                shutil.copytree(entry.path, dest, symlinks=True, copy_function=_link_or_copy)
            else:
                _link_or_copy(entry.path, dest)

    def _move_entries(self) -> None:
        olds = []
        for entry in sorted(os.scandir(self.path), key=lambda e: e.name == "graph.json"):
            dest = self.target / entry.name
            if entry.is_dir() and dest.is_dir():
                olds.append(Path(tempfile.mkdtemp(prefix=self._prefix("old"), dir=self.target)))
                os.rename(dest, olds[-1] / entry.name)
            os.replace(entry.path, dest)
        _fsync_dir(self.target)
        for old in olds:
            shutil.rmtree(old, ignore_errors=True)

    # -- lock and leftovers ----------------------------------------------------------------
    def _prefix(self, what: str) -> str:
        return f".{self.name}.{what}-" if not self.inside else f".{what}-"

    def _lock(self) -> None:
        lock = self.target / ".graphbuild.lock" if self.inside else self.parent / f".{self.name}.lock"
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise OutputBusy(errno.EBUSY, f"another graphbuild (pid {holder}) is writing this folder; "
                                          "wait for it to finish or choose another output folder",
                             str(self.target)) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)              # closing drops the flock
            self._lock_fd = None

    def _recover(self) -> None:
        """Undo what a killed run left: restore a swapped-out build, remove the rest."""
        home = self.target if self.inside else self.parent
        leftovers = sorted(p for p in home.glob(f"{self._prefix('*')}*") if p.is_dir()
                           and (p.name.startswith(self._prefix("staging")) or p.name.startswith(self._prefix("old"))))
        if not self.inside and not self.target.exists():
            olds = [p / "build" for p in leftovers if p.name.startswith(self._prefix("old"))]
            olds = [p for p in olds if p.is_dir()]
            if olds:
                os.rename(olds[-1], self.target)
        for path in leftovers:
            shutil.rmtree(path, ignore_errors=True)
        for folder in (self.target, self.target / "csv"):
            if folder.is_dir():
                for entry in os.scandir(folder):
                    if _TEMP.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)


# --- system calls ---------------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where the call is missing."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):       # old kernel, filesystem without it
        return False
    raise OSError(err, os.strerror(err), str(b))


def _probe(folder: Path) -> None:
    """Write and remove a small file: a folder we cannot write into fails here, early."""
    probe = folder / ".probe"
    with open(probe, "wb") as f:
        f.write(b"graphbuild")
        f.flush()
        os.fsync(f.fileno())
    probe.unlink()


def _folder_mode(target: Path) -> int:
    """The mode of the folder ``target`` if it exists, else what the umask gives a new one."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o777 & ~mask


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _link_or_copy(src, dst) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)
