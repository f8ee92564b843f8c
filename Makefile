PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS := .eval/corpus
SHARED := ../shared

.PHONY: install run test eval bench vocab goldens clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
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
	rm -rf $(VENV) .eval build *.egg-info
