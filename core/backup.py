"""Backups that restore: the whole database as Django serialises it and every stored file the
database refers to, in one archive with a manifest of SHA-256 checksums.

Why Django's serialisation (``dumpdata``/``loaddata``, JSON lines) rather than ``pg_dump``: one
format that both engines read (PostgreSQL in production, SQLite for ``make run``), so an archive
also moves a portal from one to the other; it needs no client binary matching the server's major
version inside the image; it goes through the same models as the code, so a restore is checked
by the database's constraints. It is taken in one repeatable-read transaction (a consistent
snapshot). At the scale of one province (tens of thousands of rows) it takes seconds; a
deployment with millions of rows should add the database's own tools (``pg_dump``, WAL
archiving) for the tables and keep this for the files and for moving between engines.

Stored files are read and written through the storage API only, so the same commands back up
and restore the file system and an S3-compatible object store alike.

Archive (``.tar.gz``): ``database.jsonl``, ``files/<storage name>`` for each stored file, and
``manifest.json`` (format, time, engine, migrations, and name, size and SHA-256 of every member).
"""

import dataclasses
import hashlib
import io
import json
import logging
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from core import clock
from core.audit import audit_record

logger = logging.getLogger(__name__)

FORMAT = 1
DATABASE_MEMBER = "database.jsonl"
MANIFEST_MEMBER = "manifest.json"
FILES_PREFIX = "files/"
# Rebuilt by ``migrate`` (content types, permissions: referred to by natural keys) or not worth
# keeping (sessions: a restore signs everybody out).
EXCLUDED_MODELS = ["contenttypes", "auth.permission", "sessions"]
CHUNK = 1024 * 1024


class BackupError(Exception):
    """An archive cannot be restored; no row and no file was restored."""


@dataclasses.dataclass
class Summary:
    archive: Path
    objects: int
    files: int
    missing: list[str]


def _sha256_of(handle) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


class _HashingReader:
    """Reads through ``handle`` while hashing what passes (each file is read once)."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        return chunk


def stored_file_names() -> list[str]:
    """Every name a file field of any model holds (documents, attachments, evidence, reports…)."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                values = model._base_manager.exclude(**{field.attname: ""}).values_list(field.attname, flat=True)
                names.update(value for value in values.iterator() if value)
    return sorted(names)


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """App label → the names of its applied migrations, sorted."""
    recorder = MigrationRecorder(connections[using])
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _add_bytes(tar: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(clock.now().timestamp())
    tar.addfile(info, io.BytesIO(content))


def backup_create(*, output: Path) -> Summary:
    """Write the database and the stored files it refers to into the archive ``output``, with a
    manifest of checksums; a stored file that is missing is reported and listed, not fatal."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[DEFAULT_DB_ALIAS]
    manifest = {
        "format": FORMAT,
        "created_at": clock.now().isoformat(),
        "engine": connection.vendor,
        "migrations": {},
        "database": {},
        "files": [],
        "missing_files": [],
    }
    with tempfile.TemporaryDirectory() as work, tarfile.open(output, "w:gz") as tar:
        dump = Path(work) / DATABASE_MEMBER
        # One snapshot for the rows and the file names they hold.
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            manifest["migrations"] = applied_migrations()
            call_command(
                "dumpdata",
                format="jsonl",
                natural_foreign=True,
                use_base_manager=True,
                exclude=EXCLUDED_MODELS,
                output=str(dump),
                verbosity=0,
            )
            names = stored_file_names()
        with dump.open("rb") as handle:
            digest, size = _sha256_of(handle)
        with dump.open("rb") as handle:
            objects = sum(1 for line in handle if line.strip())
        manifest["database"] = {"name": DATABASE_MEMBER, "sha256": digest, "size": size, "objects": objects}
        tar.add(dump, arcname=DATABASE_MEMBER)

        for name in names:
            try:
                size = default_storage.size(name)
                with default_storage.open(name, "rb") as handle:
                    info = tarfile.TarInfo(FILES_PREFIX + name)
                    info.size = size
                    info.mtime = int(clock.now().timestamp())
                    reader = _HashingReader(handle)
                    tar.addfile(info, reader)
            except FileNotFoundError:
                logger.warning("Backup: the stored file %s is missing; it is listed in the manifest.", name)
                manifest["missing_files"].append(name)
                continue
            manifest["files"].append({"name": name, "sha256": reader.digest.hexdigest(), "size": size})

        _add_bytes(tar, MANIFEST_MEMBER, json.dumps(manifest, indent=2, ensure_ascii=False).encode())
    return Summary(archive=output, objects=objects, files=len(manifest["files"]), missing=manifest["missing_files"])


def _extract_verified(archive: Path, work: Path) -> dict:
    """Extract the archive into ``work`` and check every member against the manifest."""
    try:
        tar = tarfile.open(archive, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{archive} is not a backup archive ({error}).") from error
    with tar:
        try:
            manifest = json.load(tar.extractfile(MANIFEST_MEMBER))
        except (KeyError, ValueError) as error:
            raise BackupError(f"{archive} has no readable {MANIFEST_MEMBER}.") from error
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{archive} is in backup format {manifest.get('format')}; this release reads {FORMAT}.")
        expected = {DATABASE_MEMBER: manifest["database"]["sha256"]}
        expected |= {FILES_PREFIX + item["name"]: item["sha256"] for item in manifest["files"]}
        seen = set()
        for member in tar:
            if member.name == MANIFEST_MEMBER:
                continue
            if member.name not in expected or not member.isfile():
                raise BackupError(f"{archive} holds {member.name}, which its manifest does not list.")
            target = (work / member.name).resolve()
            if not target.is_relative_to(work.resolve()):
                raise BackupError(f"{archive} holds {member.name}, a name outside the archive.")
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as source, target.open("wb") as sink:
                reader = _HashingReader(source)
                while chunk := reader.read(CHUNK):
                    sink.write(chunk)
            if reader.digest.hexdigest() != expected[member.name]:
                raise BackupError(f"{member.name} in {archive} does not match its checksum: the archive is damaged.")
            seen.add(member.name)
        absent = sorted(set(expected) - seen)
        if absent:
            raise BackupError(f"{archive} lacks {', '.join(absent)}, which its manifest lists.")
    return manifest


def backup_restore(*, archive: Path) -> Summary:
    """Replace the database's rows and put the stored files back from ``archive``.

    Every checksum is verified and the schema compared before anything changes; the rows are
    replaced in one transaction; every restored file is read back and checked."""
    archive = Path(archive)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        manifest = _extract_verified(archive, work)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        if manifest["migrations"] != applied_migrations():
            raise BackupError(
                "The archive was made by a release with other migrations than this one: restore it with "
                "the release that made it, then upgrade (manage.py migrate)."
            )

        for item in manifest["files"]:
            name = item["name"]
            if default_storage.exists(name):
                default_storage.delete(name)
            with (work / FILES_PREFIX / name).open("rb") as handle:
                saved = default_storage.save(name, File(handle, name=name))
            if saved != name:
                raise BackupError(f"The storage saved {name} as {saved}.")

        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(work / DATABASE_MEMBER), verbosity=0)
            audit_record(
                actor=None,
                action="backup.restored",
                archive=archive.name,
                made_at=manifest["created_at"],
                files=len(manifest["files"]),
            )

        for item in manifest["files"]:
            with default_storage.open(item["name"], "rb") as handle:
                digest, _size = _sha256_of(handle)
            if digest != item["sha256"]:
                raise BackupError(f"{item['name']} does not read back with its checksum after the restore.")
    cache.clear()  # rate-limit counters and cached pages of the replaced data
    return Summary(
        archive=archive,
        objects=manifest["database"]["objects"],
        files=len(manifest["files"]),
        missing=manifest["missing_files"],
    )
