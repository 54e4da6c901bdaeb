"""Spreadsheet import, dry run then commit: one framework for every ``.xlsx`` upload.

How to use it (enterprises, training participants, attendance ...)::

    from core.importing import Column, SpreadsheetImporter, cell_text, cell_int

    class ParticipantImporter(SpreadsheetImporter):
        sheet_title = "participants"
        columns = (
            Column("email", _("E-mail")),                  # required by default
            Column("full_name", _("Full name")),
            Column("phone", _("Phone"), required=False),   # may be absent from the file
        )

        def __init__(self, *, course):                     # your own context, if any
            super().__init__()
            self.course = course

        def parse_row(self, row):
            # ``row``: {column key: raw cell value}; raise ValidationError (one message or a
            # list) to refuse the row; return (key, cleaned dict). The key matches existing
            # records and detects duplicates inside the file.
            email = cell_text(row["email"]).lower()
            if not email:
                raise ValidationError(_("The e-mail address is missing."))
            return email, {"email": email, "full_name": cell_text(row["full_name"])}

        def existing(self, keys):                          # optional: {key: object} for one batch
            return {p.email: p for p in Participant.objects.filter(course=self.course, email__in=keys)}

        def apply(self, rows, actor):                      # write one batch of valid rows
            for r in rows:                                 # r.action is "create" or "update"
                ...                                        # (unchanged and refused rows never reach it)

    report = ParticipantImporter(course=c).dry_run(uploaded_file)        # writes nothing
    report = ParticipantImporter(course=c).commit(uploaded_file, actor=request.user)

``dry_run`` and ``commit`` return an :class:`ImportReport`: ``file_errors`` (the whole file was
refused: not an xlsx, empty, wrong columns, too big, too many rows), ``counts`` per action,
``rows`` (row by row, the first ``keep_rows`` plus every refused row), ``errors`` (refused rows
only). ``commit`` applies every valid row in ONE transaction (an exception in ``apply`` rolls
everything back) and leaves refused rows out. Rows whose values equal the stored record are
"unchanged" (default comparison: every cleaned field against the attribute of the same name;
override ``compare``), so importing the same file twice changes nothing.

Reading is streaming (openpyxl read-only mode, rows processed in batches of ``batch_size``), so
memory does not grow with the file; only the keys already seen are kept, to report duplicates.
Limits, each refused with its own message before it can cost memory or time: the file's size
(``MAX_UPLOAD_SIZE``), the zip's entry count and uncompressed size (read from its directory;
Python never inflates an entry past its declared size), the rows, the length of a cell; the XML
is parsed by openpyxl through defusedxml, so DTDs with entities (XXE, billion laughs) are refused.
In the web app imports run as background jobs (``import_start``: a Celery task with a time limit,
progress and the report as the job's result).
The first sheet is read; its first non-empty row is the header. A header cell matches a column by
its key or its label (in English or Vietnamese; case, spaces and diacritics ignored); columns not
declared are ignored (``self.present_columns`` holds the keys found, so that an optional column
left out of the file does not blank stored values). Wholly empty rows are skipped. ``template()`` returns a workbook (bytes)
with the header and the optional ``example`` row. Messages are translated (gettext).
"""

from __future__ import annotations

import datetime
import io
import uuid
import zipfile
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import ParseError  # noqa: S405 - the exception only; parsing is defusedxml

from defusedxml import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import DEFUSEDXML

from .text import fold
from .workbook import XLSX_CONTENT_TYPE  # noqa: F401 - re-exported for the importers' views


class Action:
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"
    ALL = (CREATE, UPDATE, UNCHANGED, ERROR)


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: ``key`` in code, ``label`` (lazy-translated) in the header."""

    key: str
    label: Any
    required: bool = True
    help_text: Any = ""

    def header_names(self) -> set[str]:
        names = {fold(self.key), fold(self.key.replace("_", " ")), fold(str(self.label))}
        for lang in ("en", "vi"):
            with translation.override(lang):
                names.add(fold(str(self.label)))
        return names


@dataclass
class RowResult:
    """What happens to one row: its number in the sheet (1 = header), key, action, data, errors."""

    row_number: int
    key: Hashable | None = None
    action: str = Action.ERROR
    data: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    existing: Any = None
    raw: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.action != Action.ERROR


@dataclass
class ImportReport:
    """The outcome of a dry run or a commit."""

    committed: bool = False
    file_errors: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Action.ALL, 0))
    rows: list[RowResult] = field(default_factory=list)
    rows_truncated: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_errors

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.rows if r.action == Action.ERROR]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def changes(self) -> int:
        return self.counts[Action.CREATE] + self.counts[Action.UPDATE]

    def as_json(self) -> dict:
        """The report as JSON (a background job's result); values shown to people become text."""
        return {
            "committed": self.committed,
            "file_errors": [str(e) for e in self.file_errors],
            "counts": dict(self.counts),
            "rows_truncated": self.rows_truncated,
            "rows": [
                {
                    "row_number": r.row_number,
                    "key": None if r.key is None else str(r.key),
                    "action": r.action,
                    "errors": [str(e) for e in r.errors],
                    "data": {k: _shown(v) for k, v in r.data.items()},
                    "raw": {k: _shown(v) for k, v in r.raw.items()},
                }
                for r in self.rows
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> ImportReport:
        return cls(
            committed=data.get("committed", False),
            file_errors=list(data.get("file_errors", [])),
            counts={**dict.fromkeys(Action.ALL, 0), **data.get("counts", {})},
            rows=[RowResult(**row) for row in data.get("rows", [])],
            rows_truncated=data.get("rows_truncated", False),
        )


def _shown(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return cell_text(value)


def XML_REFUSED() -> str:  # noqa: N802 - a message, translated when raised
    return _(
        "The workbook contains XML entity declarations (a DTD), which spreadsheets never need and which can "
        "be used to attack the server. Open it in Excel, save it again as .xlsx and upload that file."
    )


def DAMAGED() -> str:  # noqa: N802 - a message, translated when raised
    return _("This is not an Excel workbook (.xlsx) or it is damaged. Save the file as .xlsx and try again.")


def _refusal(exc: BaseException) -> str:
    """The message for a workbook openpyxl could not read: entities refused by defusedxml (openpyxl
    may wrap that error in its own ValueError), or a damaged file."""
    seen = exc
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            return XML_REFUSED()
        seen = seen.__cause__ or seen.__context__
    return DAMAGED()


class FileRefused(Exception):  # noqa: N818 - a refusal, not a programming error
    """The file as a whole cannot be imported; the message says why (translated)."""


if not DEFUSEDXML:  # openpyxl parses with defusedxml only when it is installed
    raise ImproperlyConfigured("defusedxml must be installed: spreadsheets are parsed with it.")


def _parse_dimensions(self):
    """openpyxl's ``WorkSheetParser.parse_dimensions`` listens to *end* events, so on a sheet
    without ``<dimension>`` (openpyxl's write-only files, many generators) it stops at the end of
    ``<sheetData>``: the whole sheet is parsed once more before it is read, a quarter of an
    import's time. The same answer from *start* events: ``<dimension>`` or ``<sheetData>`` come
    first. (Same defusedxml parser; openpyxl 3.1.)"""
    from openpyxl.worksheet import _reader

    for _event, element in _reader.iterparse(self.source, events=("start",)):
        if element.tag == _reader.DIMENSION_TAG:
            return _reader.SheetDimension.from_tree(element).boundaries
        if element.tag == _reader.DATA_TAG:
            return None
    return None


class _InlineText:
    """Stands for ``openpyxl.cell.text.Text`` in the sheet reader: an inline string made of one
    plain ``<t>`` (what generators write) is read straight from the element, without building
    openpyxl's rich-text objects; anything else (runs, phonetics) goes to ``Text`` as before."""

    _T = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t"

    @dataclass(frozen=True)
    class _Plain:
        content: str

    @classmethod
    def from_tree(cls, node):
        from openpyxl.cell.text import Text

        children = list(node)
        if len(children) == 1 and children[0].tag == cls._T and not len(children[0]):
            return cls._Plain(children[0].text or "")
        return Text.from_tree(node)


def _patch_openpyxl() -> None:
    from openpyxl.worksheet import _reader

    _reader.WorkSheetParser.parse_dimensions = _parse_dimensions
    _reader.Text = _InlineText


_patch_openpyxl()


# --- Cell helpers: raw cell value → clean Python value, or ValidationError ------------------------
def cell_text(value) -> str:
    """A cell as stripped text ('' for empty; whole floats lose their '.0')."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return " ".join(str(value).split())


def cell_int(value, label, *, minimum: int | None = 0, maximum: int | None = None) -> int | None:
    """A whole number (None when empty); text with . , or spaces as thousands separators accepted."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(_("%(label)s must be a whole number.") % {"label": label})
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(_("%(label)s must be a whole number.") % {"label": label})
        number = int(value)
    else:
        text = str(value).strip().replace(" ", "").replace(".", "").replace(",", "")
        try:
            number = int(text)
        except ValueError:
            raise ValidationError(_("%(label)s must be a whole number.") % {"label": label}) from None
    if minimum is not None and number < minimum:
        raise ValidationError(_("%(label)s must be at least %(minimum)s.") % {"label": label, "minimum": minimum})
    if maximum is not None and number > maximum:
        raise ValidationError(
            _("%(label)s must be at most %(maximum)s.") % {"label": label, "maximum": f"{maximum:,}".replace(",", ".")}
        )
    return number


def cell_date(value, label) -> datetime.date | None:
    """A date cell, or text dd/mm/yyyy or yyyy-mm-dd (None when empty)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return _within_bounds(value.date(), label)
    if isinstance(value, datetime.date):
        return _within_bounds(value, label)
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            day = datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
        return _within_bounds(day, label)
    raise ValidationError(_("%(label)s must be a date written dd/mm/yyyy.") % {"label": label})


def _within_bounds(day: datetime.date, label) -> datetime.date:
    from .bounds import EARLIEST, LATEST

    if not EARLIEST <= day <= LATEST:
        raise ValidationError(_("%(label)s must be between 01/01/1900 and 31/12/2100.") % {"label": label})
    return day


# --- The framework -------------------------------------------------------------------------------
class SpreadsheetImporter:
    """Subclass: set ``columns``, implement ``parse_row`` and ``apply`` (and ``existing``)."""

    columns: tuple[Column, ...] = ()
    sheet_title: str = "data"
    example: dict[str, Any] | None = None
    batch_size: int = 500
    max_rows: int = 20_000
    keep_rows: int = 1_000
    max_errors: int = 1_000
    max_entries: int = 100  # parts of the xlsx zip (a workbook has a dozen)
    max_uncompressed: int = 40 * 1024 * 1024  # bytes of XML once unpacked
    max_cell_chars: int = 1_000  # every column we import is far shorter
    progress = None  # optional callable(percent), set by the background job

    def __init__(self):
        self.max_bytes = getattr(settings, "MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
        self.present_columns: set[str] = set()

    # -- to implement -----------------------------------------------------------------------------
    def parse_row(self, row: dict[str, Any]) -> tuple[Hashable, dict]:
        """Clean one row (``{column key: cell value}``); raise ValidationError to refuse it."""
        raise NotImplementedError

    def existing(self, keys: list[Hashable]) -> dict[Hashable, Any]:
        """The stored records for these keys (one query per batch); none by default."""
        return {}

    def compare(self, data: dict, existing: Any) -> str:
        """create / update / unchanged, comparing each cleaned field with the stored attribute."""
        if existing is None:
            return Action.CREATE
        if any(getattr(existing, name, None) != value for name, value in data.items()):
            return Action.UPDATE
        return Action.UNCHANGED

    def apply(self, rows: list[RowResult], actor) -> None:
        """Write one batch of rows whose action is create or update (inside the transaction)."""
        raise NotImplementedError

    def prepare(self) -> None:
        """Hook run once before the rows (load lookup tables here)."""

    # -- public API -------------------------------------------------------------------------------
    def dry_run(self, source) -> ImportReport:
        """Read ``source`` and say, row by row, what a commit would do. Writes nothing."""
        return self._run(source, actor=None, commit=False)

    def commit(self, source, *, actor) -> ImportReport:
        """Apply every valid row of ``source`` in one transaction; refused rows are reported."""
        with transaction.atomic():
            report = self._run(source, actor=actor, commit=True)
            report.committed = report.ok
        return report

    def template(self) -> bytes:
        """An empty workbook with the header row (and the example row) for users to fill in."""
        from openpyxl.styles import Font

        from . import workbook

        wb = workbook.new_workbook()
        ws = workbook.add_sheet(wb, self.sheet_title)
        workbook.append_row(ws, [str(column.label) for column in self.columns], font=Font(bold=True))
        if self.example:
            ws.append([workbook.cell(ws, self.example.get(column.key), number_format="@") for column in self.columns])
        return workbook.workbook_bytes(wb)

    # -- machinery --------------------------------------------------------------------------------
    def _run(self, source, *, actor, commit: bool) -> ImportReport:
        report = ImportReport()
        try:
            rows = self._read(source)
            self.prepare()
            self._process(rows, report, actor=actor, commit=commit)
        except FileRefused as refused:
            report.file_errors.append(str(refused))
            report.rows = []
            report.counts = dict.fromkeys(Action.ALL, 0)
            if commit:
                transaction.set_rollback(True)
        return report

    def _process(self, rows: Iterator[tuple[int, dict]], report: ImportReport, *, actor, commit: bool) -> None:
        seen: dict[Hashable, int] = {}
        batch: list[RowResult] = []
        any_row = False
        for row_number, raw in rows:
            any_row = True
            result = RowResult(row_number=row_number, raw=raw)
            try:
                key, data = self.parse_row(raw)
            except ValidationError as error:
                result.errors = [str(m) for m in error.messages]
            else:
                result.key, result.data = key, data
                if key in seen:
                    result.errors = [
                        _("Duplicate of row %(row)s in this file (same key %(key)s).") % {"row": seen[key], "key": key}
                    ]
                else:
                    seen[key] = row_number
                    result.action = Action.CREATE  # provisional, settled with the batch
            batch.append(result)
            if len(batch) >= self.batch_size:
                self._flush(batch, report, actor=actor, commit=commit)
                batch = []
        if batch:
            self._flush(batch, report, actor=actor, commit=commit)
        if not any_row:
            raise FileRefused(_("The file has a header but no data rows."))

    def _flush(self, batch: list[RowResult], report: ImportReport, *, actor, commit: bool) -> None:
        valid = [r for r in batch if not r.errors]
        stored = self.existing([r.key for r in valid]) if valid else {}
        for r in batch:
            if r.errors:
                r.action = Action.ERROR
                continue
            r.existing = stored.get(r.key)
            r.action = self.compare(r.data, r.existing)
        changing = [r for r in valid if r.action in (Action.CREATE, Action.UPDATE)]
        if commit and changing:
            self.apply(changing, actor)
        if self.progress is not None and getattr(self, "_row_estimate", None):
            self.progress(min(99, batch[-1].row_number * 100 // self._row_estimate))
        for r in batch:
            report.counts[r.action] += 1
            keep = len(report.rows) < self.keep_rows or (
                r.action == Action.ERROR and report.counts[Action.ERROR] <= self.max_errors
            )
            if keep:
                r.existing = None if not r.ok else r.existing
                r.raw = r.raw if r.action == Action.ERROR else {}
                report.rows.append(r)
            else:
                report.rows_truncated = True

    def _read(self, source) -> Iterator[tuple[int, dict]]:
        """Open the workbook (or refuse it) and return an iterator of (row number, values)."""
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        size = _size_of(source)
        if size == 0:
            raise FileRefused(_("The file is empty."))
        if size is not None and size > self.max_bytes:
            raise FileRefused(
                _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
                % {"size": round(size / 1024 / 1024, 1), "limit": round(self.max_bytes / 1024 / 1024, 1)}
            )
        handle = _open(source)
        head = handle.read(4)
        handle.seek(0)
        if head != b"PK\x03\x04":
            raise FileRefused(_("This is not an Excel workbook (.xlsx). Save the file as .xlsx and try again."))
        self._check_archive(handle)
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, ParseError) as exc:
            raise FileRefused(_refusal(exc)) from None
        return self._rows(workbook)

    def _check_archive(self, handle) -> None:
        """Refuse a zip with too many parts or too much XML once unpacked (a zip bomb), from its
        directory alone; zipfile never inflates a part past the size declared there."""
        try:
            with zipfile.ZipFile(handle) as archive:
                entries = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise FileRefused(DAMAGED()) from None
        finally:
            handle.seek(0)
        if len(entries) > self.max_entries:
            raise FileRefused(
                _("The workbook has %(count)s parts; at most %(limit)s are accepted. Save it again as a plain .xlsx.")
                % {"count": len(entries), "limit": self.max_entries}
            )
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > self.max_uncompressed:
            raise FileRefused(
                _(
                    "The workbook unpacks to %(size)s MB, more than the %(limit)s MB accepted: it holds too much "
                    "data or a cell that is far too long. Split it into smaller files."
                )
                % {"size": round(unpacked / 1024 / 1024), "limit": self.max_uncompressed // (1024 * 1024)}
            )

    def _rows(self, workbook) -> Iterator[tuple[int, dict]]:
        try:
            sheet = workbook.worksheets[0] if workbook.worksheets else None
            if sheet is None:
                raise FileRefused(_("The workbook has no sheet."))
            self._row_estimate = sheet.max_row if isinstance(sheet.max_row, int) else None
            iterator = sheet.iter_rows(values_only=True)
            mapping = None
            header_row = 0
            for values in iterator:
                header_row += 1
                if _blank(values):
                    continue
                mapping = self._header(values)
                break
            if mapping is None:
                raise FileRefused(_("The file is empty."))
            data_rows = 0
            for number, values in enumerate(iterator, start=header_row + 1):
                if _blank(values):
                    continue
                self._check_cells(number, values)
                data_rows += 1
                if data_rows > self.max_rows:
                    raise FileRefused(
                        ngettext(
                            "The file has more than %(limit)s row; split it into smaller files.",
                            "The file has more than %(limit)s rows; split it into smaller files.",
                            self.max_rows,
                        )
                        % {"limit": self.max_rows}
                    )
                yield (
                    number,
                    {
                        key: (values[index] if index < len(values) else None) if index is not None else None
                        for key, index in mapping.items()
                    },
                )
        except (ParseError, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
            raise FileRefused(_refusal(exc)) from None
        finally:
            workbook.close()

    def _check_cells(self, row_number: int, values) -> None:
        for index, value in enumerate(values):
            if isinstance(value, str) and len(value) > self.max_cell_chars:
                from openpyxl.utils import get_column_letter

                raise FileRefused(
                    _("Cell %(cell)s has %(length)s characters; a cell may have at most %(limit)s.")
                    % {
                        "cell": f"{get_column_letter(index + 1)}{row_number}",
                        "length": len(value),
                        "limit": self.max_cell_chars,
                    }
                )

    def _header(self, values: Iterable) -> dict[str, int | None]:
        positions = {fold(cell_text(v)): i for i, v in reversed(list(enumerate(values))) if cell_text(v)}
        mapping: dict[str, int | None] = {}
        missing = []
        self.present_columns: set[str] = set()
        for column in self.columns:
            index = next((positions[n] for n in column.header_names() if n in positions), None)
            if index is None and column.required:
                missing.append(str(column.label))
            if index is not None:
                self.present_columns.add(column.key)
            mapping[column.key] = index
        if missing:
            raise FileRefused(
                _(
                    "The file does not have the expected columns. Missing: %(missing)s. Download the template and use its header row."
                )
                % {"missing": ", ".join(missing)}
            )
        return mapping


def _blank(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _size_of(source) -> int | None:
    size = getattr(source, "size", None)
    if size is not None:
        return size
    if isinstance(source, bytes | bytearray):
        return len(source)
    if hasattr(source, "seek") and hasattr(source, "tell"):
        position = source.tell()
        source.seek(0, io.SEEK_END)
        size = source.tell()
        source.seek(position)
        return size
    try:
        import os

        return os.path.getsize(source)
    except (TypeError, OSError):
        return None


def _open(source):
    """A seekable binary handle on ``source`` (bytes, path, uploaded or stored file)."""
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(source)
    if hasattr(source, "read"):
        if hasattr(source, "open") and getattr(source, "closed", False):
            source.open("rb")
        source.seek(0)
        return source
    return open(source, "rb")  # noqa: SIM115 - closed by openpyxl's workbook.close()


# --- Imports as background jobs ------------------------------------------------------------------
@dataclass(frozen=True)
class ImporterSpec:
    """How a background job builds an app's importer from JSON options, and commits its file."""

    build: Callable[[dict], SpreadsheetImporter]
    commit: Callable[..., ImportReport]  # (*, source, actor, options, progress) -> ImportReport


_importers: dict[str, ImporterSpec] = {}
JOB_KIND = "import"


def register_importer(key: str, *, build, commit) -> None:
    """Apps register their importer in ``AppConfig.ready()`` under a key (e.g. "enterprises")."""
    _importers[key] = ImporterSpec(build=build, commit=commit)


def import_start(*, key: str, owner, upload, options: dict):
    """Keep the upload privately and start its dry run as a background job (returned)."""
    from django.core.files.storage import default_storage

    from .jobs import job_start

    max_bytes = getattr(settings, "MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(upload.size / 1024 / 1024, 1), "limit": round(max_bytes / 1024 / 1024, 1)}
        )
    name = default_storage.save(f"imports/{key}/{uuid.uuid4().hex}.xlsx", upload)
    return job_start(kind=JOB_KIND, owner=owner, params={"key": key, "file": name, "options": options})


@transaction.atomic
def import_commit_start(*, dry_run, owner):
    """Commit the file of a successful dry run of ``owner`` as a new background job (once)."""
    from django.core.files.storage import default_storage

    from .jobs import job_start
    from .models import BackgroundJob, JobStatus

    job = BackgroundJob.objects.select_for_update().get(pk=dry_run.pk)
    report = ImportReport.from_json(job.result) if job.status == JobStatus.SUCCEEDED else None
    if (
        job.kind != JOB_KIND
        or job.owner_id != owner.pk
        or job.params.get("commit")
        or job.params.get("committed_by")
        or report is None
        or not (report.ok and report.changes)
        or not default_storage.exists(job.params["file"])
    ):
        raise ValidationError(_("Upload the file again: the dry run has expired."))
    commit = job_start(kind=JOB_KIND, owner=owner, params={**job.params, "commit": True, "dry_run": str(job.pk)})
    job.params = {**job.params, "committed_by": str(commit.pk)}
    job.save(update_fields=["params"])
    return commit


def run_import_job(job, progress) -> dict:
    """The ``import`` job handler: a dry run, or the commit of a checked file; the report as JSON."""
    from django.core.files.storage import default_storage

    spec = _importers[job.params["key"]]
    options, name, commit = job.params.get("options", {}), job.params["file"], job.params.get("commit", False)
    with default_storage.open(name, "rb") as handle:
        if commit:
            report = spec.commit(source=handle, actor=job.owner, options=options, progress=progress)
        else:
            importer = spec.build(options)
            importer.progress = progress
            report = importer.dry_run(handle)
    if commit or not (report.ok and report.changes):
        default_storage.delete(name)  # nothing more will be done with it
    return report.as_json()


def import_page_context(job) -> dict:
    """What an import page shows for ``job`` (None: no job yet): its state, and its report when done."""
    from .models import JobStatus

    report = ImportReport.from_json(job.result) if job is not None and job.status == JobStatus.SUCCEEDED else None
    return {"job": job, "report": report}
