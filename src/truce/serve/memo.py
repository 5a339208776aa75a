"""Page data kept between requests until the database changes.

Aggregates over a large database cost more than a page may take, yet they
change only when reports are ingested, events reviewed or incidents relinked.
Each result is kept under its arguments and the database's generation (see
``truce.store.summaries.generation``); a new generation empties the memo.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """A small least-recently-used store of computed results, emptied on a new generation."""

    def __init__(self, size: int = 128) -> None:
        self.size = size
        self._generation: Hashable = None
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def fetch(self, generation: Hashable, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if generation != self._generation:
                self._entries.clear()
                self._generation = generation
            elif key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = compute()  # outside the lock: two first requests may both compute
        with self._lock:
            if generation == self._generation:
                self._entries[key] = value
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return value
