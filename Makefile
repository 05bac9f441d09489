# The two commands of the README: `make report` and `make test`.
# Both create .venv from the pinned constraints on first use.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DATA := data/haskovo-2016-2020 data/kazanlak-2007-2009
REPORTS := build/reports

.PHONY: report test venv clean screenshots

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet --constraint constraints.txt --editable ".[dev]"
	@# pip compiles what it installs, but an editable install leaves src/ to be compiled on first
	@# import, on every run where PYTHONDONTWRITEBYTECODE is set (docs/performance.md).
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

# Validate both strategies, then write each report in both formats and both languages,
# and Haskovo's annual plan for 2017 in HTML and Word.
report: $(STAMP)
	$(BIN)/socstrat validate --quiet $(DATA)
	@for dir in $(DATA); do \
	  for lang in bg en; do \
	    for format in html md; do \
	      $(BIN)/socstrat report $$dir --lang $$lang --format $$format -o $(REPORTS)/$$(basename $$dir).$$lang.$$format || exit $$?; \
	    done; \
	  done; \
	done
	@# The annual monitoring report for 2018 (mid-term) from the illustrative, made-up monitoring set.
	@for format in html md docx; do \
	  $(BIN)/socstrat report data/haskovo-2016-2020 --monitoring examples/haskovo-monitoring --year 2018 \
	    --format $$format -o $(REPORTS)/haskovo-2016-2020.monitoring-2018.illustrative.bg.$$format || exit $$?; \
	done
	$(BIN)/socstrat plan data/haskovo-2016-2020 --year 2017 --format html -o $(REPORTS)/haskovo-2016-2020.plan-2017.bg.html
	$(BIN)/socstrat plan data/haskovo-2016-2020 --year 2017 --format docx -o $(REPORTS)/haskovo-2016-2020.plan-2017.bg.docx
	@echo "Reports are in $(REPORTS)/ (open $(REPORTS)/haskovo-2016-2020.bg.html in a browser)."

# Static checks first (ruff, mypy with the pydantic plugin; configured in pyproject.toml), then the suite.
test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The screenshots in docs/, from the current code (Chromium, LibreOffice and poppler installed).
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) build
