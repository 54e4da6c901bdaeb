"""Backups that restore: manage.py backup, empty the database and the storage, manage.py restore,
and the same applications, documents and report files (by checksum) are back."""

import hashlib
import io
import json
import shutil
import tarfile

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from accounts.models import User
from core.models import AuditEvent
from programs.applications.models import ApplicationDocument, Status, SupportApplication
from reports.models import ReportKind, ReportRun, ReportStatus
from reports.services import report_request
from tests.applications.conftest import make_application

pytestmark = pytest.mark.django_db(transaction=True)


def _stored_sha256(name: str) -> str:
    with default_storage.open(name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def snapshot() -> dict:
    """What a restore must give back, read from the database and through the storage."""
    return {
        "applications": list(
            SupportApplication.objects.order_by("pk").values_list(
                "pk", "reference_code", "status", "enterprise__tax_code", "applicant__email", "requested_amount"
            )
        ),
        "documents": [
            (d.pk, d.application_id, d.file.name, _stored_sha256(d.file.name))
            for d in ApplicationDocument.objects.order_by("pk")
        ],
        "reports": [
            (
                r.pk,
                r.status,
                r.xlsx_sha256,
                r.pdf_sha256,
                _stored_sha256(r.xlsx_file.name),
                _stored_sha256(r.pdf_file.name),
            )
            for r in ReportRun.objects.order_by("pk")
        ],
        "users": list(User.objects.order_by("pk").values_list("pk", "email", "password", "groups__name")),
        "authenticators": list(Authenticator.objects.order_by("pk").values_list("pk", "user__email", "type")),
        "audit": list(
            AuditEvent.objects.order_by("pk").values_list("pk", "action", "content_type__model", "object_id")
        ),
    }


@pytest.fixture(params=["file system", "S3"])
def storage(request, settings):
    """Where the files are: MEDIA_ROOT, or a bucket on the local S3 API. Returns "empty it"."""
    if request.param == "S3":
        bucket = request.getfixturevalue("s3_storage")
        return bucket.empty
    return lambda: shutil.rmtree(settings.MEDIA_ROOT)


@pytest.fixture
def filled(world, storage):
    """Two applications (one under review with its document), a built five-year report."""
    make_application(world, Status.UNDER_REVIEW)
    make_application(world, Status.SUBMITTED)
    run, _created = report_request(plan=world.scheme.plan, kind=ReportKind.FIVE_YEAR, actor=world.staff)
    run.refresh_from_db()
    assert run.status == ReportStatus.SUCCEEDED, run.error
    return world


def test_backup_empty_restore_gives_back_the_same_applications_and_report_checksums(filled, storage, tmp_path):
    before = snapshot()
    assert len(before["applications"]) == 2
    assert len(before["documents"]) == 2
    assert before["reports"][0][2] == before["reports"][0][4]  # the recorded checksum is the stored file's
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))

    run = ReportRun.objects.get()
    stored = sorted([d[2] for d in before["documents"]] + [run.xlsx_file.name, run.pdf_file.name])
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        members = sorted(tar.getnames())
    assert members == sorted(["database.jsonl", "manifest.json", *(f"files/{name}" for name in stored)])
    checksums = {item["name"]: item["sha256"] for item in manifest["files"]}
    assert sorted(checksums) == stored
    assert checksums[run.xlsx_file.name] == run.xlsx_sha256
    assert checksums[run.pdf_file.name] == run.pdf_sha256

    # Lose everything: every row and every stored file.
    call_command("flush", interactive=False)
    storage()
    assert not default_storage.exists(before["documents"][0][2])
    assert not SupportApplication.objects.exists()
    assert not User.objects.exists()

    call_command("restore", str(archive), interactive=False)

    after = snapshot()
    restored_audit = after["audit"].pop()
    assert restored_audit[1] == "backup.restored"
    assert after == before
    # The sequences follow the restored rows: the next application gets a new id.
    assert make_application(filled, Status.SUBMITTED).pk > max(a[0] for a in before["applications"])


def test_a_damaged_archive_is_refused_and_nothing_changes(filled, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))
    # Flip the content of one stored file inside the archive, keeping its manifest.
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name.endswith(".pdf") and member.name.startswith("files/reports/"):
                data = data.replace(b"%PDF", b"%XDF", 1)
            target.addfile(member, io.BytesIO(data) if data is not None else None)
    # A change after the backup that a restore would undo (application events are append-only:
    # an application is added rather than deleted).
    make_application(filled, Status.SUBMITTED)
    before = snapshot()

    with pytest.raises(
        CommandError, match=r"files/reports/.*\.pdf in .* does not match its checksum: the archive is damaged"
    ):
        call_command("restore", str(damaged), interactive=False)
    assert snapshot() == before
