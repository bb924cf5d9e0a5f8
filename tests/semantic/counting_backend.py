"""A deterministic stand-in for a slow embedding model, shared by the cache and ingest tests:
it records the texts it was asked to read (so a test sees what was embedded again)."""

from __future__ import annotations

import hashlib

import numpy as np


class CountingBackend:
    """Unit vectors made from each text's hash; ``seen`` lists every text encoded."""

    name = "counting"
    cached = True
    weights = "ab"  # its "weights hash" is this, 32 times

    def __init__(self, version: str = "1"):
        self.version, self.seen = version, []

    def identity(self):
        return {"engine": "counting", "version": self.version, "weights_sha256": self.weights * 32, "parameters": {}}

    def encode(self, texts, tokens=None):
        self.seen.extend(texts)
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest(), dtype=np.uint8)[:16].astype(np.float32) + 1
                for t in texts]
        rows = np.array(rows, dtype=np.float32).reshape(len(texts), 16)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)
