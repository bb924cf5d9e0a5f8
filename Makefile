# Entry points on a fresh machine with Python 3.11+ and make (no root):
#   make demo   install what the reports need into .venv, build reports/demo/
#   make test   also install the test tools and JupyterLab/Voilà, run the whole test suite
#   make lab    install JupyterLab and Voilà (the coding panel) into .venv
# Every command after that is .venv/bin/synthesis … (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
STAMP  := $(VENV)/.installed-stamp
CORPUS ?= corpora/demo
REPORT_FLAGS ?=

.PHONY: setup demo test lab bench clean

# an extra's requirements (pyproject.toml), installed without building the package again
extra = $(shell $(PY) -c 'import tomllib; print(" ".join(repr(r) for r in tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["$(1)"]))')

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	@echo "==> creating the virtual environment .venv (a few seconds)"
	$(PYTHON) -m venv $(VENV)

# (re)installs when the package's set-up or a compiled accelerator's source changes
$(STAMP): $(PY) pyproject.toml setup.py $(wildcard src/synthesis/*/_fast_*.pyx src/synthesis/*/_cobjects.*)
	@echo "==> installing synthesis and what the reports need into .venv: about 115 packages from PyPI"
	@echo "    (1 GB on disk), then compiling the Thai accelerators when a C compiler is present (about 1 min)."
	@echo "    A cold install took 2 min 30 s on our 2-core test machine; a re-run only redoes what changed."
	$(PIP) install --progress-bar off -e .
	@$(PY) -c 'import importlib.util as u; print("==> Thai accelerators: " + ("compiled" if u.find_spec("synthesis.thai._fast_tokenize") else "not built (no working C compiler): the same rules run in pure Python, slower"))'
	@# kernels started in this venv (papermill, JupyterLab) keep their start-up warnings to themselves
	@mkdir -p $(VENV)/etc/ipython && echo '{"IPKernelApp": {"log_level": "ERROR"}}' > $(VENV)/etc/ipython/ipython_kernel_config.json
	touch $(STAMP)

$(VENV)/.test-stamp: $(STAMP) pyproject.toml
	@echo "==> installing the test tools and JupyterLab/Voilà into .venv (pytest, hypothesis, playwright …; about 1 min)"
	$(PIP) install --progress-bar off $(call extra,test) $(call extra,lab)
	touch $@

$(VENV)/.lab-stamp: $(STAMP) pyproject.toml
	@echo "==> installing JupyterLab and Voilà into .venv (the coding panel; about 1 min)"
	$(PIP) install --progress-bar off $(call extra,lab)
	touch $@

setup: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/synthesis report --corpus $(CORPUS) --all $(REPORT_FLAGS)

test: $(VENV)/.test-stamp
	$(PY) -m pytest

lab: $(VENV)/.lab-stamp

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf work reports
