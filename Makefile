# Integration Barometer workspace. Needs only Python 3.11 with pip: every target
# bootstraps .venv from the project's own files (requirements.lock + pyproject.toml).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:randomly

.PHONY: help report pdf test unit nbval lint lab app fetch notebooks lock clean mutation

help:
	@echo "make report     run every half-year report 2007H1-2014H2 into reports/ (only what"
	@echo "                changed; make report FORCE=1 reruns everything)"
	@echo "make pdf        every report in reports/ as an A4 PDF beside it (Debian's Chromium)"
	@echo "make test       lint, unit tests and nbval over the stored notebooks"
	@echo "make lab        JupyterLab on the notebooks"
	@echo "make app        the explorer as a read-only web page on http://127.0.0.1:8866/"
	@echo "make fetch      new StatBank/Eurostat data as new dated raw files (needs network)"
	@echo "make notebooks  re-execute the stored notebooks from notebooks/scripts/*.py"
	@echo "make lock       re-resolve requirements.lock from pyproject.toml"
	@echo "make mutation   mutation testing of the rule modules (MODULES=rules ARGS='--sample 4')"

$(STAMP): requirements.lock pyproject.toml
	rm -f $(VENV)/.installed-*
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Incremental: only the stages and half-years whose inputs changed; FORCE=1 reruns all.
report: $(STAMP)
	$(BIN)/python -m helpers.batch --from 2007H1 --to 2014H2 $(if $(filter 1,$(FORCE)),--force)

# Not part of report: PDFs are build products (not committed, not in the stale check).
pdf: $(STAMP)
	$(BIN)/python -m helpers.report.pdf

test: lint unit nbval

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/python -m pytest tests

nbval: $(STAMP)
	$(BIN)/python -m pytest $(NBVAL) notebooks

# Not part of test: minutes per module. MODULES= a subset (default: all), ARGS= e.g.
# "--sample 4 --resume" (see tools/mutation.py). Results in build/mutation/.
mutation: $(STAMP)
	nice $(BIN)/python tools/mutation.py $(MODULES) $(ARGS)

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

# Voilà: outputs only (no code, no editing), localhost only; flags in helpers.explorer.app.
app: $(STAMP)
	$(BIN)/python -m helpers.explorer.app --port 8866

fetch: $(STAMP)
	$(BIN)/python -m helpers.fetch

notebooks: $(STAMP)
	$(BIN)/python -m helpers.report.notebooks refresh

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check ".[test]"
	.lock-venv/bin/python -m pip freeze --exclude integration-barometer > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
