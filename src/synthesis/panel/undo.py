"""Undo for the coding panel: the last actions of the session, memos included.

Each action that changes a file pushes an :class:`UndoStep` (what it did, in Thai, and the
function that reverses it); :meth:`UndoStack.undo` runs the last one. Steps are kept for the
session only (the files are the record), at most :data:`DEPTH` of them.

>>> stack = UndoStack()
>>> done = []
>>> stack.push("ใส่รหัส กองทุน", lambda: done.append("undone"))
>>> stack.undo(), done
('ใส่รหัส กองทุน', ['undone'])
>>> stack.undo() is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

DEPTH = 50


@dataclass(frozen=True)
class UndoStep:
    label: str
    reverse: Callable[[], object]


class UndoStack:
    def __init__(self, depth: int = DEPTH):
        self.depth = depth
        self.steps: list[UndoStep] = []

    def push(self, label: str, reverse: Callable[[], object]) -> None:
        self.steps.append(UndoStep(label, reverse))
        del self.steps[:-self.depth]

    def undo(self) -> str | None:
        """Reverse the last action; returns its label (``None`` when there is nothing to undo).

        A reversal that fails (the coding was removed in another tab meanwhile) is dropped and
        its error raised, so the next undo goes on with the step before.
        """
        if not self.steps:
            return None
        step = self.steps.pop()
        step.reverse()
        return step.label

    @property
    def last(self) -> str | None:
        return self.steps[-1].label if self.steps else None

    def __len__(self) -> int:
        return len(self.steps)
