# Two entry points do all the set-up on a fresh machine with Python 3.11+ and make:
#   make demo   build the synthesis reports of the demo corpus into reports/demo/
#   make test   run the whole test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
CORPUS ?= corpora/demo
REPORT_FLAGS ?=

.PHONY: setup demo test bench clean

# (re)installs when the package's set-up or a compiled accelerator's source changes
$(STAMP): pyproject.toml setup.py $(wildcard src/synthesis/*/_fast_*.pyx src/synthesis/*/_cobjects.*)
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/synthesis report --corpus $(CORPUS) --all $(REPORT_FLAGS)

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf work reports
