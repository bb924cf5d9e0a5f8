"""Builds the optional Cython accelerators of the Thai layer; everything else about the
package is in ``pyproject.toml``.

Each ``src/synthesis/**/_fast_*.pyx`` becomes an extension module. They are optional: on a
machine without a working C compiler the package installs without them (one line says so) and
``synthesis.thai.accel`` falls back to the pure-Python code (same results, slower).

setuptools' own ``optional=True`` is not enough: some versions let the compiler's failure
through as a ``CalledProcessError`` and the whole install stops. ``OptionalBuildExt`` catches
any failure of an extension's build and skips the others (they would fail the same way).
"""

import os
import re
import sys
from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SOURCES = sorted(Path("src").rglob("_fast_*.pyx"))

SKIPPED_LINE = ("synthesis: no working C compiler ({reason}): installing without the Thai layer's "
                "accelerators; the same rules run in pure Python (slower)")


def short_reason(error: Exception) -> str:
    """Why a compile failed, in a few words: the compiler's name and exit status rather than
    its whole command line.

    >>> short_reason(RuntimeError("Command '['/bin/false', '-O3', 'x.c']' returned non-zero exit status 1."))
    'false exited with status 1'
    """
    text = " ".join(str(error).split())
    command = getattr(error, "cmd", None)
    match = re.search(r"Command '\[?'([^']+)'.*?exit status (-?\d+)", text)
    if command:
        return f"{Path(str(command[0])).name} exited with status {getattr(error, 'returncode', '?')}"
    if match:
        return f"{Path(match.group(1)).name} exited with status {match.group(2)}"
    return text[:160] or type(error).__name__


class OptionalBuildExt(build_ext):
    """``build_ext`` that never fails the install: the first extension that cannot be built
    stops the compiling, and one line says why."""

    skipped_reason = None

    def finalize_options(self):
        super().finalize_options()
        if self.parallel is None:  # one compiler per core: the five modules build side by side
            self.parallel = os.cpu_count() or 1

    def run(self):
        try:
            super().run()
        except Exception as error:  # no compiler found at all, before any extension
            self._skip(error)

    def build_extension(self, ext):
        if self.skipped_reason is not None:
            return
        try:
            super().build_extension(ext)
        except Exception as error:  # the compiler is missing or broken
            self._skip(error)

    def _skip(self, error):
        if self.skipped_reason is None:
            self.skipped_reason = short_reason(error)
            print(SKIPPED_LINE.format(reason=self.skipped_reason), file=sys.stderr, flush=True)

    def get_outputs(self):  # only what was built: a skipped extension has no file to install
        return [path for path in super().get_outputs() if Path(path).exists()]


extensions = [
    Extension(
        ".".join(source.relative_to("src").with_suffix("").parts),
        [str(source)],
        optional=True,
    )  # compiled with Python's own flags (-O3 on CPython): as `cythonize -i` builds them in place
    for source in SOURCES
]

setup(
    cmdclass={"build_ext": OptionalBuildExt},
    ext_modules=cythonize(
        extensions,
        language_level=3,
        compiler_directives={"boundscheck": False, "wraparound": False, "cdivision": True},
        quiet=True,
    ),
)
