"""Safe writes to the researchers' files in ``lessons/``: atomic, locked, re-read under the lock.

Every writer of a file in ``lessons/`` (codings, codebook, cards, matrix summaries, decisions
on suggestions) goes through :func:`update_text` or :func:`write_text`:

- **locked**: an exclusive ``flock`` on ``<file>.lock`` beside the file serialises writers of
  that file across processes and threads (two browser tabs of one coder are two writers). The
  kernel releases the lock when its holder dies, so a lock can never go stale; the empty
  ``.lock`` file left behind is harmless.
- **re-read under the lock**: :func:`update_text` hands the *current* text to a function that
  returns the new text, so a writer never overwrites what another wrote since it last read.
- **atomic**: the new text goes to a temporary file in the same folder, is flushed to disk and
  then renamed over the old one; a crash, a full disk or a read-only folder leaves the previous
  file whole, and the error names the file and what went wrong (:class:`LessonsWriteError`).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_TIMEOUT_S = 30.0  # default wait for another writer's lock; SYNTHESIS_LOCK_TIMEOUT overrides


def lock_timeout() -> float:
    """Seconds a writer waits for another writer's lock (``SYNTHESIS_LOCK_TIMEOUT``, default 30),
    read at each write so that a running panel or test can change it."""
    try:
        return max(0.0, float(os.environ.get("SYNTHESIS_LOCK_TIMEOUT", LOCK_TIMEOUT_S)))
    except ValueError:
        return LOCK_TIMEOUT_S

# flock is per open file description: two threads of one process that each open the lock file
# do exclude each other, but we also keep a per-path thread lock so that the common case (the
# panel's threads) never spins on the file lock.
_THREAD_LOCKS: dict[str, threading.RLock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()


class LessonsWriteError(OSError):
    """A write to ``lessons/`` that did not happen; the previous file is intact.

    ``str()`` is the message alone (``cannot write <file>: <reason>``), without ``[Errno n]``.
    """

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def _thread_lock(path: Path) -> threading.RLock:
    with _THREAD_LOCKS_GUARD:
        return _THREAD_LOCKS.setdefault(str(path), threading.RLock())


def lock_path(path: Path) -> Path:
    """The lock file that guards ``path``.

    >>> lock_path(Path("lessons/codings/coder_a.jsonl")).name
    '.coder_a.jsonl.lock'
    """
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: str | Path, timeout: float | None = None) -> Iterator[Path]:
    """Hold the exclusive write lock of ``path`` (waits up to ``timeout`` seconds).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with locked(folder / "cards.yaml") as held:
    ...     held.name
    'cards.yaml'
    """
    path = Path(path)
    timeout = lock_timeout() if timeout is None else timeout
    thread_lock = _thread_lock(path.resolve())
    deadline = time.monotonic() + timeout
    if not thread_lock.acquire(timeout=max(timeout, 0)):  # another thread of this process writes
        raise LessonsWriteError(errno.EAGAIN, f"cannot write {path}: another writer has held its lock "
                                              f"for more than {timeout:g} s; nothing was changed")
    try:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as error:
            raise LessonsWriteError(error.errno, f"cannot write {path}: {_reason(error)}") from error
        try:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LessonsWriteError(
                            errno.EAGAIN, f"cannot write {path}: another writer has held its lock "
                            f"for more than {timeout:g} s; nothing was changed") from None
                    time.sleep(0.01)
            yield path
        finally:
            os.close(handle)  # closing releases the flock
    finally:
        thread_lock.release()


def read_text(path: str | Path) -> str:
    """The file's text, or ``""`` when it does not exist yet."""
    try:
        return Path(path).read_text(encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        return ""


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old or the new file.

    Does not lock: use :func:`write_text` or :func:`update_text` for files in ``lessons/``.
    Text read with ``surrogateescape`` (undecodable bytes of a damaged line) is written back
    byte for byte.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise LessonsWriteError(error.errno, f"cannot write {path}: {_reason(error)}") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, _mode_for(path))  # mkstemp makes 0600 files; keep the usual permissions
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise LessonsWriteError(error.errno, f"cannot write {path}: {_reason(error)}; "
                                             "the previous file is unchanged") from error
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def update_text(path: str | Path, transform: Callable[[str], str],
                timeout: float | None = None) -> str:
    """Lock ``path``, re-read it, write ``transform(current_text)``; returns the new text.

    ``transform`` may raise to cancel the write (nothing is changed). It returning the text
    unchanged writes nothing.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "codings" / "coder_a.jsonl"
    >>> _ = update_text(target, lambda text: text + "one\\n")
    >>> update_text(target, lambda text: text + "two\\n")
    'one\\ntwo\\n'
    """
    path = Path(path)
    with locked(path, timeout):
        try:
            current = read_text(path)
        except OSError as error:  # a folder in its place, no permission: never overwrite it blind
            raise LessonsWriteError(error.errno, f"cannot write {path}: the current file cannot be read "
                                                 f"({_reason(error)}); nothing was changed") from error
        new = transform(current)
        if new != current or not path.exists():
            atomic_write_text(path, new)
        return new


def write_text(path: str | Path, text: str, timeout: float | None = None) -> None:
    """Replace the whole file under its lock (for writers that rebuild it from scratch)."""
    update_text(path, lambda _current: text, timeout)


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied (is the folder read-only?)"
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    return error.strerror or str(error)


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or the default for a new file (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
