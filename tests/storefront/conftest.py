"""Storefront fixtures: object storage (local folder or moto's S3 server)."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
from django.test import override_settings

MOTO_START_SECONDS = 120  # generous: a loaded 2-core CI machine can take a while to start it
BUCKET = "procusmeet-test-photos"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(process: subprocess.Popen, port: int, timeout: float) -> None:
    """Wait until the server accepts connections (or fail after ``timeout``).

    Polling the port, not reading the log: a buffered pipe can hold the "Running on"
    line where select() no longer sees it, which made the start look like a timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto_server exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            # Not listening yet: wait on the process itself (returns early if it dies).
            try:
                process.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                pass
    process.kill()
    raise RuntimeError(f"moto_server did not listen on port {port} within {timeout} s")


@pytest.fixture(scope="session")
def moto_s3():
    """moto's S3 server on a free local port, with one bucket; yields its endpoint URL."""
    port = _free_port()
    binary = Path(sys.executable).with_name("moto_server")
    # Its request log is not needed; DEVNULL also means no pipe can fill up and stall it.
    process = subprocess.Popen(
        [str(binary), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_until_serving(process, port, MOTO_START_SECONDS)
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
