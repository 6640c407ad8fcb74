# Bijuli: the webhook service on its embedded defaults (SQLite sessions under /var/lib/bijuli).
# Build: docker build -t bijuli .   Run: docker run -p 8000:8000 -e TWILIO_AUTH_TOKEN=... \
#   -e BIJULI_PUBLIC_URL=https://your.public.host bijuli
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md babel.cfg ./
COPY tariff_core ./tariff_core
COPY bot ./bot
COPY locales ./locales
RUN pip install --no-cache-dir --prefix=/install . \
 && PYTHONPATH=/install/lib/python3.11/site-packages /install/bin/pybabel compile \
      --domain bijuli --directory locales --statistics

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 bijuli && mkdir -p /var/lib/bijuli \
 && chown bijuli /var/lib/bijuli
COPY --from=build /install /usr/local
# The catalogs (with their compiled .mo files) sit beside the packages, where bot.i18n looks.
COPY --from=build /src/locales /usr/local/lib/python3.11/site-packages/locales
USER bijuli
ENV BIJULI_STATE_DIR=/var/lib/bijuli \
    PYTHONUNBUFFERED=1
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["bijuli", "serve", "--host", "0.0.0.0", "--port", "8000"]
