PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per build mode (JOBSCAN_PURE=1: pure Python), so that switching modes installs again.
STAMP := $(VENV)/.installed$(if $(JOBSCAN_PURE),-pure)
CORPUS := .eval/corpus
SHARED := ../shared

.PHONY: install run test eval bench vocab goldens clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# setup.py compiles the analysis stages with mypyc (JOBSCAN_PURE=1 skips it); an editable install
# leaves them in jobscan/, where they shadow the .py files, so any edit there installs again.
$(STAMP): $(BIN)/python pyproject.toml setup.py $(wildcard jobscan/*.py)
	rm -f $(VENV)/.installed $(VENV)/.installed-pure
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/jobscan scan samples/

test: $(STAMP)
	$(BIN)/python -m pytest -q

$(CORPUS)/labels.jsonl: $(SHARED)/tools/materialize.py
	$(PYTHON) $(SHARED)/tools/materialize.py $(CORPUS)

eval: $(STAMP) $(CORPUS)/labels.jsonl
	$(BIN)/python scripts/evaluate.py $(CORPUS)

bench: $(STAMP) $(CORPUS)/labels.jsonl
	$(BIN)/python scripts/bench.py $(CORPUS)

# Regenerate jobscan/data/skills.jsonl and words.txt from the curated layer and ../shared/corpus.
vocab: $(STAMP)
	$(BIN)/python scripts/build_vocab.py --corpus $(SHARED)/corpus

goldens: $(STAMP)
	$(BIN)/python scripts/update_goldens.py

clean:
	rm -rf $(VENV) .eval build *.egg-info .mypy_cache jobscan/*.so
