# The two commands of the README: `make report` and `make test`.
# Both create .venv from the pinned constraints on first use.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DATA := data/haskovo-2016-2020 data/kazanlak-2007-2009

.PHONY: report test venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet --constraint constraints.txt --editable ".[dev]"
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/socstrat validate $(DATA)

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build
