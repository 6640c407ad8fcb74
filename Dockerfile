# Bijuli: the webhook service on its embedded defaults (SQLite sessions under /var/lib/bijuli).
# Build: docker build -t bijuli .   Run: docker run -p 8000:8000 -e TWILIO_AUTH_TOKEN=... \
#   -e BIJULI_PUBLIC_URL=https://your.public.host bijuli
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml setup.py MANIFEST.in README.md babel.cfg ./
COPY tariff_core ./tariff_core
COPY bot ./bot
COPY locales ./locales
# setup.py compiles the catalogs into the package (bot/locales/*/LC_MESSAGES/bijuli.mo).
RUN pip install --no-cache-dir --prefix=/install .

FROM python:3.11-slim
# Voice notes of estimates: espeak-ng speaks (Odia, Hindi, English voices), opusenc encodes.
# Estimate cards: Noto Sans (Latin, Devanagari) and Lohit Odia, shaped by Pillow's libraqm.
RUN apt-get update && apt-get install -y --no-install-recommends espeak-ng opus-tools \
    fonts-noto-core fonts-lohit-orya libraqm0 \
 && rm -rf /var/lib/apt/lists/*
# A numeric user, so that runtimes which refuse root (runAsNonRoot) can verify it.
RUN useradd --create-home --uid 10001 bijuli && mkdir -p /var/lib/bijuli \
 && chown 10001:10001 /var/lib/bijuli
COPY --from=build /install /usr/local
USER 10001:10001
ENV BIJULI_STATE_DIR=/var/lib/bijuli \
    PYTHONUNBUFFERED=1
EXPOSE 8000
# Liveness only (/healthz does not consult the store; /readyz does). Exec form: no shell.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
# Exec form, so SIGTERM reaches uvicorn, which lets turns in flight finish before exiting.
CMD ["bijuli", "serve", "--host", "0.0.0.0", "--port", "8000"]
