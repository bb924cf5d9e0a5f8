"""What every reader returns (:class:`RawText`) and raises (:class:`ReadError`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any


class ReadError(Exception):
    """A file that could not be read; ``str()`` gives ``<path>: <reason>``."""

    def __init__(self, path: str | os.PathLike, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class RawText:
    """The text of a file before normalization, with what the reader learned on the way.

    ``metadata`` holds front matter (``areas:``, ``title:`` …) read from the top of a
    ``.md``/``.txt`` file; it is removed from ``text``.
    """

    text: str
    format: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
