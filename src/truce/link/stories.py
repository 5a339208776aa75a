"""Syndicated and lightly rewritten copies of one story, found by MinHash similarity."""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
THRESHOLD = 0.5
SCHEME = "affine32"
_WORD = re.compile(r"\w+", re.UNICODE)


def signature(text: str) -> MinHash:
    """MinHash over word 3-shingles of the lower-cased text."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))}
    sketch = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME)
    sketch.update_batch([s.encode("utf-8") for s in shingles])
    return sketch


def to_bytes(sketch: MinHash) -> bytes:
    return np.asarray(sketch.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(raw: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME,
                   hashvalues=np.frombuffer(raw, dtype=np.uint64).copy())


class StoryIndex:
    """Near-duplicate lookup over stored reports (an LSH index kept for the process)."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._sketches: dict[str, MinHash] = {}

    def add(self, key: str, sketch: MinHash) -> None:
        if key not in self._sketches:
            self._lsh.insert(key, sketch)
            self._sketches[key] = sketch

    def copies_of(self, sketch: MinHash) -> list[str]:
        """Keys of stored reports similar enough to be copies of the same story."""
        return [k for k in self._lsh.query(sketch)
                if self._sketches[k].jaccard(sketch) >= THRESHOLD]

    def __len__(self) -> int:
        return len(self._sketches)
