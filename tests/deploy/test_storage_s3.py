"""Files that several nodes share: uploaded documents and report files go through Django's
STORAGES to an S3-compatible object store (here moto's server mode), and downloads still go
through the permission-checking views."""

import hashlib
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from programs.applications.models import Status
from reports.models import ReportKind, ReportStatus
from reports.services import report_request
from tests.applications.conftest import make_application
from tests.applications.factories import PDF_BYTES, RepresentativeFactory

from .conftest import S3_CREDENTIALS, Bucket

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_an_application_document_round_trips_through_s3_behind_the_permission_check(
    world, s3_storage, client_for, tmp_path
):
    application = make_application(world, Status.SUBMITTED)
    document = application.documents.get()

    # Stored in the bucket, and nowhere on the local disk.
    assert s3_storage.keys() == [document.file.name]
    assert s3_storage.read(document.file.name) == PDF_BYTES
    assert not list((tmp_path / "media").rglob("*.pdf"))

    url = reverse("applications:document", args=[application.pk, document.pk])
    for user in (world.rep, world.staff):
        response = client_for(user).get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert _body(response) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Length"] == str(len(PDF_BYTES))
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"] == (
            "attachment; filename=\"don-de-nghi.pdf\"; filename*=UTF-8''don-de-nghi.pdf"
        )
        assert not response.has_header("Content-Encoding")  # streamed as stored, not gzipped

    # Another enterprise's representative: 404, as if it did not exist.
    stranger = RepresentativeFactory().user
    assert client_for(stranger).get(url).status_code == 404


def test_report_files_built_by_the_report_task_round_trip_through_s3(
    world, s3_storage, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run, _created = report_request(plan=world.scheme.plan, kind=ReportKind.FIVE_YEAR, actor=world.staff)
    run.refresh_from_db()
    assert run.status == ReportStatus.SUCCEEDED, run.error
    assert s3_storage.keys() == sorted([run.xlsx_file.name, run.pdf_file.name])

    for fmt, field, checksum in (("xlsx", run.xlsx_file, run.xlsx_sha256), ("pdf", run.pdf_file, run.pdf_sha256)):
        assert hashlib.sha256(s3_storage.read(field.name)).hexdigest() == checksum
        response = client_for(world.leader).get(reverse("reports:download", args=[run.pk, fmt]))
        assert response.status_code == 200
        assert hashlib.sha256(_body(response)).hexdigest() == checksum
        assert response["Cache-Control"] == "private, no-store"

    # An enterprise representative may not see reports: 404 for the file as for the page.
    assert client_for(world.rep).get(reverse("reports:download", args=[run.pk, "pdf"])).status_code == 404


def test_a_file_missing_from_the_bucket_is_a_404_not_a_crash(world, s3_storage, client_for):
    application = make_application(world, Status.SUBMITTED)
    document = application.documents.get()
    s3_storage.empty()
    url = reverse("applications:document", args=[application.pk, document.pk])
    assert client_for(world.staff).get(url).status_code == 404


def test_the_production_settings_build_the_s3_storage_from_the_environment(moto_server):
    """S3_BUCKET, S3_ENDPOINT_URL, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and S3_PREFIX
    configure the default storage of a production process (DEBUG off)."""
    bucket = Bucket(moto_server, "nangsuat-settings")
    script = (
        "from django.core.files.base import ContentFile;"
        "from django.core.files.storage import default_storage as s;"
        "name = s.save('probe/hello.txt', ContentFile(b'xin chao'));"
        "print(type(s._wrapped).__name__, name, s.open(name).read().decode())"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "0",
        "SECRET_KEY": "x7#kq!2vR9zL$4mWp8@Tn6bY3cF1hJ5sD0gA*eU&oI^rE-wQ+Zt9Lm2Xc7Vb",
        "ALLOWED_HOSTS": "nangsuat.example.gov.vn",
        "EMAIL_URL": "consolemail://",
        "SITE_URL": "https://nangsuat.example.gov.vn",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "DATABASE_URL": "sqlite:////tmp/unused.sqlite3",
        "S3_BUCKET": bucket.name,
        "S3_ENDPOINT_URL": moto_server,
        "S3_REGION": S3_CREDENTIALS["region_name"],
        "S3_ACCESS_KEY_ID": S3_CREDENTIALS["access_key"],
        "S3_SECRET_ACCESS_KEY": S3_CREDENTIALS["secret_key"],
        "S3_PREFIX": "portal",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["S3Storage", "probe/hello.txt", "xin", "chao"]
    assert bucket.keys() == ["portal/probe/hello.txt"]
