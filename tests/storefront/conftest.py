"""Storefront fixtures: object storage (local folder or moto's S3 server)."""

import os
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import boto3
import pytest
from django.test import override_settings

MOTO_START_SECONDS = 120  # generous: a loaded 2-core CI machine can take a minute to start it
BUCKET = "procusmeet-test-photos"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(process: subprocess.Popen, timeout: float) -> None:
    """Read the server's log until it says it is listening (or fail after ``timeout``)."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], deadline - time.monotonic())
        if not ready:
            break
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        if "Running on" in line:
            return
    process.kill()
    raise RuntimeError("moto_server did not start:\n" + "".join(seen))


def _drain(stream) -> None:
    # The server logs every request; an unread pipe would fill up and stall it.
    for _line in stream:
        pass


@pytest.fixture(scope="session")
def moto_s3():
    """moto's S3 server on a free local port, with one bucket; yields its endpoint URL."""
    port = _free_port()
    binary = Path(sys.executable).with_name("moto_server")
    process = subprocess.Popen(
        [str(binary), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        _wait_until_serving(process, MOTO_START_SECONDS)
        threading.Thread(target=_drain, args=(process.stdout,), daemon=True).start()
        endpoint = f"http://127.0.0.1:{port}"
        boto3.client(
            "s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
        ).create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def s3_storage(moto_s3):
    """The default storage is django-storages' S3 backend pointed at moto, as in
    production with ``AWS_S3_ENDPOINT_URL`` set. Yields a boto3 client to inspect it."""
    storages = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    aws = {
        "AWS_S3_ENDPOINT_URL": moto_s3,
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_QUERYSTRING_AUTH": False,
        "AWS_DEFAULT_ACL": None,
    }
    # Changing STORAGES resets django's storage handler and default_storage, so the
    # S3 backend is built with these settings the first time something saves a file.
    with override_settings(STORAGES=storages, **aws):
        client = boto3.client(
            "s3", endpoint_url=moto_s3, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
        )
        yield client
        for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])


@pytest.fixture
def local_storage(tmp_path):
    """The default storage is a fresh local folder; yields that folder."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, MEDIA_ROOT=str(tmp_path)):
        yield tmp_path
