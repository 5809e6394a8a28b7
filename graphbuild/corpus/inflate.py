"""Gzip corpora inflated in a thread of their own.

ISA-L (zlib without it) inflates without holding the GIL, so a thread that inflates keeps
the parser fed while it runs: on one core the inflating is off the parser's path, and the
reading process of ``--jobs N`` inflates while it sends shares out.

Every byte inflated before a truncation or a corrupt block is delivered before the error
(the read that meets it ends short, the next one raises), so one process and the shares
of ``--jobs N`` read the same records from a damaged file, and lose nothing it still held.
"""

from __future__ import annotations

import gzip
import queue
import threading

try:
    from isal import isal_zlib as _zlib
except ImportError:        # pragma: no cover - the standard library does the same, slower
    import zlib as _zlib

#: What inflating raises for a corrupt block (zlib.error, or ISA-L's).
InflateError = _zlib.error

_COMPRESSED_CHUNK = 256 * 1024      # inflates to about 1 MB of text
_AHEAD = 16                         # inflated chunks held ready: about 16 MB
_END = object()
_TRUNCATED = "Compressed file ended before the end-of-stream marker was reached"


def open_gzip(path) -> "InflatedStream":
    """A binary stream of the inflated ``path`` (all its gzip members, as ``gzip.open``)."""
    return InflatedStream(path)


class InflatedStream:
    """``read(n)`` and ``readline(limit)`` over the chunks a thread inflates.  A read that meets
    an error returns the data before it, and the next read raises it (a read that has no data
    raises at once): nothing inflated is lost, and no reader takes an error for the end."""

    def __init__(self, path):
        self._file = open(path, "rb")          # opened here: a missing file fails at once
        self._chunks: queue.Queue = queue.Queue(_AHEAD)
        self._stop = threading.Event()
        self._buf, self._pos = b"", 0
        self._error: BaseException | None = None
        self._ended = False
        self.closed = False
        self._thread = threading.Thread(target=self._inflate_all, name=f"inflate {path}", daemon=True)
        self._thread.start()

    def __enter__(self) -> "InflatedStream":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        pieces, wanted = [], size if size >= 0 else float("inf")
        while wanted > 0 and self._fill(bool(pieces)):
            piece = self._buf[self._pos:self._pos + wanted] if wanted < len(self._buf) - self._pos \
                else self._buf[self._pos:]
            self._pos += len(piece)
            wanted -= len(piece)
            pieces.append(piece)
        return b"".join(pieces)

    def readline(self, size: int = -1) -> bytes:
        pieces, wanted = [], size if size >= 0 else float("inf")
        while wanted > 0 and self._fill(bool(pieces)):
            stop = self._buf.find(b"\n", self._pos) + 1 or len(self._buf)
            stop = min(stop, self._pos + wanted)
            piece = self._buf[self._pos:stop]
            self._pos = stop
            wanted -= len(piece)
            pieces.append(piece)
            if piece.endswith(b"\n"):
                break
        return b"".join(pieces)

    def _fill(self, holding: bool) -> bool:
        """Whether there is data at ``_pos``; raises a pending error unless the caller is
        ``holding`` data already (then its read ends short, and the next one raises)."""
        while self._pos >= len(self._buf):
            if self._error is not None:
                if holding:
                    return False
                error, self._error = self._error, None
                raise error
            if self._ended:
                return False
            item = self._chunks.get()
            if item is _END:
                self._ended = True
            elif isinstance(item, BaseException):
                self._error, self._ended = item, True
            else:
                self._buf, self._pos = item, 0
        return True

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self._stop.set()
        while self._thread.is_alive():             # unblock a put, then let the thread see the stop
            try:
                self._chunks.get(timeout=0.05)
            except queue.Empty:
                pass
        self._file.close()

    def _put(self, item) -> bool:
        while not self._stop.is_set():
            try:
                self._chunks.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _inflate_all(self) -> None:
        try:
            self._inflate_members()
        except BaseException as exc:               # delivered in order, after the data before it
            self._put(exc)
        else:
            self._put(_END)

    def _inflate_members(self) -> None:
        inflater, members, pending = None, 0, b""
        while not self._stop.is_set():
            chunk = pending or self._file.read(_COMPRESSED_CHUNK)
            pending = b""
            if not chunk:
                break
            if inflater is None:                   # a member starts (after zero padding, as gzip allows)
                chunk = chunk.lstrip(b"\x00") if members else chunk
                if not chunk:
                    continue
                if len(chunk) < 2:
                    chunk += self._file.read(1)
                if chunk[:2] != b"\x1f\x8b":
                    raise gzip.BadGzipFile(f"Not a gzipped file ({chunk[:2]!r})")
                inflater = _zlib.decompressobj(31)
            data = inflater.decompress(chunk)
            if data and not self._put(data):
                return
            if inflater.eof:
                pending, inflater, members = inflater.unused_data, None, members + 1
        if inflater is not None:
            raise EOFError(_TRUNCATED)
