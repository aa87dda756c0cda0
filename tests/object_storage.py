"""A real S3-compatible server for the tests: moto's server mode in a thread, started once
per test run when a test asks for it, and the ``STORAGES`` that put every private kind of
file in a fresh bucket on it."""

import uuid

import boto3
import pytest

from config.file_storage import file_storages
from core.storage import PRIVATE_KINDS

CREDENTIALS = {"access_key": "testing", "secret_key": "testing"}
FILESYSTEM = "django.core.files.storage.FileSystemStorage"


def use_local_storage(settings, alias, location):
    """Point the storage ``alias`` at the local folder ``location`` for this test."""
    settings.STORAGES = local_storages(settings.STORAGES, alias, location)


def local_storages(storages, alias, location):
    """``storages`` (the STORAGES setting) with ``alias`` in the local folder ``location``."""
    return {**storages, alias: {
        "BACKEND": FILESYSTEM, "OPTIONS": {"location": str(location), "base_url": None}}}


@pytest.fixture(scope="session")
def moto_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


class Bucket:
    def __init__(self, endpoint, name):
        self.name = name
        self.client = boto3.client(
            "s3", endpoint_url=endpoint, region_name="us-east-1",
            aws_access_key_id=CREDENTIALS["access_key"],
            aws_secret_access_key=CREDENTIALS["secret_key"])
        self.client.create_bucket(Bucket=name)

    def keys(self, prefix=""):
        listing = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture
def s3_bucket(settings, moto_endpoint):
    """Every private kind of file (reports, evidence, imports) on the moto server, each
    under its own prefix of a bucket made for this test."""
    bucket = Bucket(moto_endpoint, f"tracker-{uuid.uuid4().hex[:12]}")
    configured = file_storages(
        {"TRACKER_FILE_STORAGE": "s3", "TRACKER_S3_BUCKET": bucket.name,
         "TRACKER_S3_ENDPOINT_URL": moto_endpoint, "TRACKER_S3_REGION": "us-east-1"},
        reports_root="", imports_root="", static_backend="")
    storages = dict(settings.STORAGES)
    for alias in PRIVATE_KINDS:
        storages[alias] = configured[alias]
        storages[alias]["OPTIONS"].update(CREDENTIALS)
    settings.STORAGES = storages
    return bucket
