# The web image: Django served by uvicorn (ASGI). docker-compose.yml runs it with
# PostgreSQL and Redis; every setting comes from the environment (see .env.example).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PROCUSMEET_VAR_DIR=/app/var

WORKDIR /app
RUN useradd --create-home --uid 10001 --user-group app

# Dependencies first, so code changes reuse this layer.
COPY requirements.txt .
RUN pip install -r requirements.txt

# The code stays root's (the app cannot rewrite itself); only var/ (static files,
# local uploads, beat's schedule) belongs to the app user.
COPY . .
RUN mkdir -p /app/var/media && chown -R app:app /app/var
USER app

# Static files are collected once, at build, with production storage (hashed and
# compressed names). The secret and hosts here exist only for this step: the settings
# refuse to load in production without them, and nothing of them reaches the runtime.
RUN DJANGO_ENV=production \
    DJANGO_SECRET_KEY=build-time-only-dummy-secret-used-for-collectstatic-never-at-runtime \
    ALLOWED_HOSTS=build.invalid SITE_URL=https://build.invalid \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    PAYMENT_PROVIDER=paystack PAYSTACK_SECRET_KEY=build-time-only-dummy \
    python manage.py collectstatic --no-input

EXPOSE 8000
# --proxy-headers trusts X-Forwarded-* from FORWARDED_ALLOW_IPS; WEB_CONCURRENCY sets
# the number of worker processes (both read by uvicorn itself). Open notification streams
# (SSE) would hold a graceful shutdown for minutes: it is cut at 5 s, well inside
# `docker stop`'s 10 s, so the browsers reconnect to the next container.
CMD ["python", "-m", "uvicorn", "procusmeet.asgi:application", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers", "--lifespan", "off", "--timeout-graceful-shutdown", "5"]
