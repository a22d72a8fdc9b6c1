"""Uploaded files go through Django's storage API only: a local directory by default, an
S3-compatible bucket when STORAGE_URL names one (docs/deployment.md, "Object storage").
The bucket here is moto's S3 server, run in this process on a free port: the upload
stores the file in the bucket, the worker's side reads it from there and deletes it, and
nothing touches the local disk."""

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from moto.server import ThreadedMotoServer

from kpi.models import Family, Submission
from kpi.services.imports import run_pending_import
from seslip.environment import storage_from_url
from tests.kpi.conftest import file_bytes, named

BUCKET = "seslip-uploads"


@pytest.fixture
def s3_endpoint(monkeypatch):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{server._server.server_port}"
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-2")
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    yield endpoint, client
    server.stop()


def objects(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


@pytest.mark.django_db
def test_a_queued_file_waits_in_the_bucket_and_the_worker_reads_it_from_there(
    s3_endpoint, settings, fs_bracknell, tmp_path
):
    from kpi.services.imports import import_submission

    endpoint, client = s3_endpoint
    settings.STORAGES = {
        **settings.STORAGES,
        "default": storage_from_url(
            f"s3://{BUCKET}/pending?endpoint_url={endpoint}&region_name=eu-west-2"
        ),
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    report = import_submission(
        authority=fs_bracknell,
        quarter="2018-Q1",
        file=named(file_bytes("valid_small.csv"), "cohort.csv"),
        background=True,
    )
    assert report.outcome == "queued"
    submission = Submission.objects.get(pk=report.submission.pk)
    (key,) = objects(client)
    assert key == f"pending/{submission.pending_file}"
    assert not any(tmp_path.rglob("*.csv")), "nothing is written to the local disk"

    done = run_pending_import(submission_id=submission.pk)

    assert done.outcome == "accepted"
    assert Family.objects.filter(submission=submission).exists()
    assert objects(client) == [], "the worker deletes the file once imported"


def test_storage_url_is_read_into_the_s3_backend_with_private_never_overwritten_files():
    storage = storage_from_url(
        "s3://uploads/portal/pending?endpoint_url=https://s3.example.org&region_name=eu-west-2"
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "uploads",
        "location": "portal/pending",
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "endpoint_url": "https://s3.example.org",
        "region_name": "eu-west-2",
    }
    assert storage_from_url("") == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


@pytest.mark.parametrize(
    "url", ["s3://", "ftp://bucket/x", "/var/uploads", "s3://bucket?acl=public-read"]
)
def test_a_storage_url_the_portal_cannot_use_stops_it_starting(url):
    with pytest.raises(ImproperlyConfigured, match="STORAGE_URL"):
        storage_from_url(url)
