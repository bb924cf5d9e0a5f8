"""Builds the optional Cython accelerators of the Thai layer; everything else about the
package is in ``pyproject.toml``.

Each ``src/synthesis/**/_fast_*.pyx`` becomes an extension module. They are optional: on a
machine without a C compiler the package installs without them and ``synthesis.thai.accel``
falls back to the pure-Python code (same results, slower).
"""

from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup

SOURCES = sorted(Path("src").rglob("_fast_*.pyx"))

extensions = [
    Extension(
        ".".join(source.relative_to("src").with_suffix("").parts),
        [str(source)],
        optional=True,  # a failed compile warns and installs without it
    )  # compiled with Python's own flags (-O3 on CPython): as `cythonize -i` builds them in place
    for source in SOURCES
]

setup(
    ext_modules=cythonize(
        extensions,
        language_level=3,
        compiler_directives={"boundscheck": False, "wraparound": False, "cdivision": True},
        quiet=True,
    )
)
