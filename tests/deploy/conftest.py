"""Fixtures for the production shape: a local S3 API (moto's server mode) and the small world of
the applications tests (plan, scheme, enterprise with a verified representative, internal users)."""

import os
import socket
import subprocess
import sys
import time
import uuid

import pytest

from tests.applications.conftest import roles, world  # noqa: F401 - fixtures used by these tests

S3_CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _moto_port() -> int:
    """MOTO_PORT when set, else a port the system reports free (several runs may share a machine)."""
    if os.environ.get("MOTO_PORT"):
        return int(os.environ["MOTO_PORT"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def moto_server():
    """An S3-compatible API on 127.0.0.1 (MOTO_PORT or a free port) for the session (moto's server mode)."""
    port = _moto_port()
    if _port_open(port):
        pytest.fail(f"Port {port} is taken: set MOTO_PORT to a free port for the S3 tests.")
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not _port_open(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("moto server did not start: " + proc.stderr.read().decode()[-2000:])
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class Bucket:
    def __init__(self, endpoint: str, name: str):
        import boto3

        self.endpoint = endpoint
        self.name = name
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=S3_CREDENTIALS["access_key"],
            aws_secret_access_key=S3_CREDENTIALS["secret_key"],
            region_name=S3_CREDENTIALS["region_name"],
        )
        self.client.create_bucket(Bucket=name)

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def empty(self) -> None:
        for key in self.keys():
            self.client.delete_object(Bucket=self.name, Key=key)


@pytest.fixture
def s3_storage(settings, moto_server):
    """The default storage is a fresh bucket on the local S3 API, configured as production does
    (django-storages' S3 backend, path-style addressing, never overwriting)."""
    bucket = Bucket(moto_server, f"nangsuat-{uuid.uuid4().hex[:12]}")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket.name,
                "endpoint_url": moto_server,
                "addressing_style": "path",
                "default_acl": None,
                "file_overwrite": False,
                "max_memory_size": 2 * 1024 * 1024,
                **S3_CREDENTIALS,
            },
        },
    }
    return bucket
