"""Gzip corpora inflated in a thread of their own.

ISA-L (zlib without it) inflates without holding the GIL, so a thread that inflates keeps
the parser fed while it runs: on one core the inflating is off the parser's path, and the
reading process of ``--jobs N`` inflates while it sends shares out.

The compressed bytes go in 1 MB at a time and the text comes out in pieces of at most 2 MB,
so memory stays bounded for any ratio (a gzip of spaces inflates 1,000-fold).  Few, large
inflate calls matter: each one takes the GIL back from the parser (128 KB calls cost one
process 0.1 s more on the bulk corpus).  A corrupt block costs at most the text of 16 KB
before it: the damaged member is inflated again in small steps up to the damage, everything
before is delivered, then the error (the read that meets it ends short, the next one
raises).  So one process and the shares of ``--jobs N`` read the same records from a
damaged file.
"""

from __future__ import annotations

import contextlib
import gzip
import queue
import threading
import weakref

try:
    from isal import isal_zlib as _zlib
except ImportError:        # pragma: no cover - the standard library does the same, slower
    import zlib as _zlib

#: What inflating raises for a corrupt block (zlib.error, or ISA-L's).
InflateError = _zlib.error

_STEP_IN = 1 << 20              # compressed bytes read at a time
_PIECE_OUT = 2 << 20            # text per inflate call (at most) and per piece handed over
_AHEAD = 8                      # pieces held ready: at most 16 MB
_REPLAY_STEP = 16 * 1024        # compressed bytes per call when a damaged member is inflated again
_END = object()
_TRUNCATED = "Compressed file ended before the end-of-stream marker was reached"


def open_gzip(path) -> "InflatedStream":
    """A binary stream of the inflated ``path`` (all its gzip members, as ``gzip.open``)."""
    return InflatedStream(path)


class InflatedStream:
    """``read(n)`` and ``readline(limit)`` over the pieces a thread inflates.  A read that meets
    an error returns the data before it and the next read raises it (a read that has no data
    raises at once): nothing inflated is lost, and no reader takes an error for the end.
    Close it (``with``); one dropped unclosed stops its thread when it is collected."""

    def __init__(self, path):
        self._pump = _Pump(open(path, "rb", buffering=0))    # a missing file fails here, at once
        self._finalizer = weakref.finalize(self, self._pump.stop)
        self._buf, self._pos = b"", 0
        self._error: BaseException | None = None
        self._ended = False

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def __enter__(self) -> "InflatedStream":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._finalizer()

    def read(self, size: int | None = -1) -> bytes:
        pieces, wanted = [], _wanted(size)
        while wanted > 0 and self._fill(bool(pieces)):
            end = self._pos + wanted if wanted < len(self._buf) - self._pos else len(self._buf)
            piece = self._buf[self._pos:end]
            self._pos = end
            wanted -= len(piece)
            pieces.append(piece)
        return b"".join(pieces)

    def readline(self, size: int | None = -1) -> bytes:
        pieces, wanted = [], _wanted(size)
        while wanted > 0 and self._fill(bool(pieces)):
            end = min(self._buf.find(b"\n", self._pos) + 1 or len(self._buf), self._pos + wanted)
            piece = self._buf[self._pos:end]
            self._pos = end
            wanted -= len(piece)
            pieces.append(piece)
            if piece.endswith(b"\n"):
                break
        return b"".join(pieces)

    def _fill(self, holding: bool) -> bool:
        """Whether there is data at ``_pos``; raises a pending error unless the caller is
        ``holding`` data already (then its read ends short, and the next one raises)."""
        if self.closed:
            raise ValueError("I/O operation on closed file")
        while self._pos >= len(self._buf):
            if self._error is not None:
                if holding:
                    return False
                raise self._error                  # and again at every later read, as gzip does
            if self._ended:
                return False
            item = self._pump.chunks.get()
            if item is _END:
                self._ended = True
            elif isinstance(item, BaseException):
                self._error = item
            else:
                self._buf, self._pos = item, 0
        return True


def _wanted(size: int | None) -> float:
    return float("inf") if size is None or size < 0 else size


class _Pump:
    """The thread that inflates one file into ``chunks``; it owns the file and closes it.
    Nothing here refers to the stream, so a dropped stream can be collected."""

    def __init__(self, file):
        self.file = file
        self.offset = 0                            # bytes read: where the next read starts (a pipe has no tell)
        self.chunks: queue.Queue = queue.Queue(_AHEAD)
        self.halt = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"inflate {file.name}", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """Stop the thread: it is waiting to put a piece (drained here) or in an inflate call."""
        self.halt.set()
        while self.thread.is_alive():
            try:
                while True:
                    self.chunks.get_nowait()
            except queue.Empty:
                pass
            self.thread.join(0.01)

    def _put(self, item) -> bool:
        while not self.halt.is_set():
            try:
                self.chunks.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        out: list[bytes] = []
        try:
            self._inflate_members(out)
        except BaseException as exc:               # the text before the damage first, then the error
            if self._put(b"".join(out)):
                self._put(exc)
        else:
            if not out or self._put(b"".join(out)):
                self._put(_END)
        finally:
            self.file.close()

    def _inflate_members(self, out: list[bytes]) -> None:
        inflater, members, pending, held = None, 0, b"", 0
        member_start = member_text = 0            # where the member's header is; its text so far
        while not self.halt.is_set():
            data = pending or self._read(_STEP_IN)
            pending = b""
            if not data:
                break
            if inflater is None:                   # a member starts (after zero padding, as gzip allows)
                data = data.lstrip(b"\x00") if members else data
                if not data:
                    continue
                if len(data) < 2:
                    data += self._read(1)
                if data[:2] != b"\x1f\x8b":
                    raise gzip.BadGzipFile(f"Not a gzipped file ({data[:2]!r})")
                inflater, member_start, member_text = _zlib.decompressobj(31), self.offset - len(data), 0
            while not self.halt.is_set():         # at most a piece of text per call, whatever the ratio
                try:
                    text = inflater.decompress(data, _PIECE_OUT)
                except InflateError:
                    out.append(self._text_before_damage(member_start, member_text))
                    raise
                data = inflater.unconsumed_tail
                out.append(text)
                held += len(text)
                member_text += len(text)
                if held >= _PIECE_OUT:
                    piece, out[:], held = b"".join(out), [], 0
                    if not self._put(piece):
                        return
                # At the member's end the rest of the input is unused_data (zlib leaves a copy in
                # unconsumed_tail too); otherwise a full piece may leave text inside: go on.
                if inflater.eof or (not data and len(text) < _PIECE_OUT):
                    break
            if inflater.eof:
                pending, inflater, members = inflater.unused_data, None, members + 1
        if inflater is not None:
            raise EOFError(_TRUNCATED)

    def _read(self, size: int) -> bytes:
        data = self.file.read(size)
        self.offset += len(data)
        return data

    def _text_before_damage(self, member_start: int, delivered: int) -> bytes:
        """The member's text after its first ``delivered`` bytes and up to the damage that made
        an inflate call fail, to within :data:`_REPLAY_STEP` compressed bytes: the member is
        inflated again from its start in small steps (the failed call's text is lost with it,
        and an ISA-L inflater cannot be copied).  Only damaged files pay for it; a file that
        cannot seek (a named pipe) loses the failed call's text."""
        text: list[bytes] = []
        with contextlib.suppress(OSError, InflateError):
            self.file.seek(member_start)
            inflater, skip = _zlib.decompressobj(31), delivered
            while not (self.halt.is_set() or inflater.eof) and (data := self.file.read(_REPLAY_STEP)):
                while True:
                    piece = inflater.decompress(data, _PIECE_OUT)
                    data = inflater.unconsumed_tail
                    piece, skip = piece[skip:], max(0, skip - len(piece))
                    text.append(piece)
                    if not data or inflater.eof:
                        break
        return b"".join(text)
