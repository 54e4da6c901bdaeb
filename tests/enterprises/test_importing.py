"""The reusable dry-run → commit framework, on a tiny importer of sectors."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from core.importing import Action, Column, SpreadsheetImporter, cell_int, cell_text
from enterprises.models import Sector, SectorGroup


class SectorImporter(SpreadsheetImporter):
    columns = (Column("code", "Code"), Column("name", "Name"), Column("note", "Note", required=False))
    example = {"code": "01", "name": "Example"}

    def parse_row(self, row):
        code = cell_text(row["code"])
        if not code:
            raise ValidationError("code missing")
        cell_int(row["note"], "Note")
        return code, {"name": cell_text(row["name"])}

    def existing(self, keys):
        return {s.code: s for s in Sector.objects.filter(code__in=keys)}

    def apply(self, rows, actor):
        for r in rows:
            if r.action == Action.CREATE:
                Sector.objects.create(code=r.key, level=1, size_group=SectorGroup.SERVICES, **r.data)
            else:
                Sector.objects.filter(pk=r.existing.pk).update(**r.data)


def xlsx(*rows) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_dry_run_writes_nothing_and_commit_applies_valid_rows():
    data = xlsx(
        ["code", "name", "note"], ["A", "Alpha", 1], [None, "No code", None], ["B", "Beta", "x"], ["A", "Dup", None]
    )
    report = SectorImporter().dry_run(data)
    assert report.counts == {"create": 1, "update": 0, "unchanged": 0, "error": 3}
    assert [(r.row_number, r.action) for r in report.rows] == [(2, "create"), (3, "error"), (4, "error"), (5, "error")]
    assert Sector.objects.count() == 0

    report = SectorImporter().commit(data, actor=None)
    assert report.committed
    assert report.counts["create"] == 1
    assert list(Sector.objects.values_list("code", "name")) == [("A", "Alpha")]
    again = SectorImporter().commit(data, actor=None)
    assert again.counts == {"create": 0, "update": 0, "unchanged": 1, "error": 3}


@pytest.mark.django_db
def test_header_by_label_with_other_case_and_extra_columns_and_blank_rows():
    data = xlsx([None], ["  NAME ", "Extra", "CODE"], [None, None, None], ["Alpha", "zzz", "A"])
    report = SectorImporter().dry_run(data)
    assert report.ok
    assert report.counts["create"] == 1
    assert report.rows[0].row_number == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"name,code\nA,B\n", "This is not an Excel workbook (.xlsx). Save the file as .xlsx and try again."),
        (
            b"PK\x03\x04 broken",
            "This is not an Excel workbook (.xlsx) or it is damaged. Save the file as .xlsx and try again.",
        ),
        (xlsx(), "The file is empty."),
        (xlsx(["code", "name"]), "The file has a header but no data rows."),
    ],
)
@pytest.mark.django_db
def test_malformed_files_get_one_clear_message(content, message, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"):
        report = SectorImporter().commit(content, actor=None)
    assert report.file_errors == [message]
    assert not report.committed
    assert Sector.objects.count() == 0


@pytest.mark.django_db
def test_wrong_columns_too_many_rows_and_too_large():
    from django.utils import translation

    with translation.override("en"):
        report = SectorImporter().dry_run(xlsx(["nom", "name"], ["x", "y"]))
        assert report.file_errors == [
            "The file does not have the expected columns. Missing: Code. Download the template and use its header row."
        ]
        importer = SectorImporter()
        importer.max_rows = 2
        report = importer.commit(xlsx(["code", "name"], ["A", "a"], ["B", "b"], ["C", "c"]), actor=None)
        assert report.file_errors == ["The file has more than 2 rows; split it into smaller files."]
        assert Sector.objects.count() == 0  # rolled back although the first rows were applied
        importer = SectorImporter()
        importer.max_bytes = 100
        assert importer.dry_run(xlsx(["code", "name"], ["A", "a"])).file_errors[0].startswith("The file is too large")


def test_template_has_the_header_and_example():
    wb = openpyxl.load_workbook(io.BytesIO(SectorImporter().template()), read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows == [("Code", "Name", "Note"), ("01", "Example", None)]
