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

from ..workbook import XLSX_CONTENT_TYPE  # noqa: F401 - re-exported for the importers' views
from .background import (
    JOB_KIND,
    ImporterSpec,
    import_commit_start,
    import_page_context,
    import_start,
    register_importer,
    run_import_job,
)
from .cells import cell_date, cell_int, cell_text
from .files import DAMAGED, XML_REFUSED, FileRefused
from .importer import SpreadsheetImporter
from .results import Action, Column, ImportReport, RowResult

__all__ = [
    "Action",
    "Column",
    "DAMAGED",
    "FileRefused",
    "ImportReport",
    "ImporterSpec",
    "JOB_KIND",
    "RowResult",
    "SpreadsheetImporter",
    "XML_REFUSED",
    "cell_date",
    "cell_int",
    "cell_text",
    "import_commit_start",
    "import_page_context",
    "import_start",
    "register_importer",
    "run_import_job",
]
