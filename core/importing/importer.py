"""The framework: ``SpreadsheetImporter`` (header matching, streaming batches, dry run and commit)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any
from xml.etree.ElementTree import ParseError  # noqa: S405 - the exception only; parsing is defusedxml

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..numbers import file_size
from ..text import fold
from .cells import cell_text
from .files import DAMAGED, FileRefused, _open, _refusal, _size_of
from .results import Action, Column, ImportReport, RowResult


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
    progress: Callable[[int], None] | None = None  # callable(percent), set by the background job

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

        from .. import workbook

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
                _("The file is too large (%(size)s); the limit is %(limit)s.")
                % {"size": file_size(size), "limit": file_size(self.max_bytes)}
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
