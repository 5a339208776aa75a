"""How far an input has been read and stored: pure rules for resuming.

A checkpoint is taken only after every report before its position is stored,
so resuming from it never loses a report; a report stored after the last
checkpoint is read again on resume and skipped by its content hash.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """Position in one input file: bytes and lines consumed, or the whole file done.

    ``size`` and ``mtime_ns`` identify the file version the position belongs to."""

    input: str
    size: int
    mtime_ns: int
    byte_offset: int = 0
    line: int = 0
    done: bool = False

    @property
    def consumed(self) -> int:
        """Bytes of the input accounted for."""
        return self.size if self.done else self.byte_offset


def resume_from(key: str, saved: Checkpoint | None, size: int,
                mtime_ns: int) -> Checkpoint | None:
    """Where to start reading an input of this size and modification time; None if it is
    finished. A file changed since the checkpoint is read from its start again (stored
    reports are then skipped by hash, so this costs reading, not extraction)."""
    if saved is None or saved.size != size or saved.mtime_ns != mtime_ns:
        return Checkpoint(key, size, mtime_ns)
    if saved.done:
        return None
    return saved


def bytes_done(key: str, saved: Checkpoint | None, size: int, mtime_ns: int) -> int:
    """Bytes of the input already accounted for by a still valid checkpoint (for progress)."""
    start = resume_from(key, saved, size, mtime_ns)
    return size if start is None else start.consumed
