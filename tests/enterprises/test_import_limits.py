"""Hostile spreadsheets are refused with a clear message, in bounded memory: a 300 MB cell, 1 GB of
sheet XML in a few MB (a zip bomb), XXE and billion laughs (refused by defusedxml), too many parts,
a cell longer than any column takes."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from enterprises.imports import EnterpriseImporter
from enterprises.models import Enterprise

MB = 1024 * 1024
PEAK_LIMIT = 40 * MB
XML_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SHEET_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def base_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Mã số thuế", "Tên"])
    ws.append(["0100233488", "Công ty Một"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def replace_part(part: str, writer) -> bytes:
    """The base workbook with ``part`` rewritten by ``writer(handle)`` (streamed, compressed)."""
    source = zipfile.ZipFile(io.BytesIO(base_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for item in source.infolist():
            if item.filename != part:
                target.writestr(item, source.read(item.filename))
        with target.open(part, "w", force_zip64=True) as handle:
            writer(handle)
    return out.getvalue()


def sheet_with(cell_xml: bytes, doctype: bytes = b"") -> bytes:
    def write(handle):
        handle.write(XML_HEAD + doctype + b"<worksheet " + SHEET_NS + b"><sheetData>")
        handle.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>Tax code</t></is></c>')
        handle.write(b'<c r="B1" t="inlineStr"><is><t>Name</t></is></c></row>')
        handle.write(b'<row r="2"><c r="A2" t="inlineStr"><is><t>0100233488</t></is></c>' + cell_xml + b"</row>")
        handle.write(b"</sheetData></worksheet>")

    return replace_part("xl/worksheets/sheet1.xml", write)


def oversized_cell() -> bytes:
    """One 300 MB cell in the shared strings: about 1.4 MB on the wire."""

    def write(handle):
        handle.write(XML_HEAD + b"<sst " + SHEET_NS + b' count="1" uniqueCount="1"><si><t>')
        chunk = b"A" * MB
        for _ in range(300):
            handle.write(chunk)
        handle.write(b"</t></si></sst>")

    return replace_part("xl/sharedStrings.xml", write)


def xml_bomb() -> bytes:
    """1 GB of sheet XML (rows of the same cell) in a few MB."""

    def write(handle):
        handle.write(XML_HEAD + b"<worksheet " + SHEET_NS + b"><sheetData>")
        row = b'<row><c t="inlineStr"><is><t>0100233488</t></is></c></row>' * 16_000
        for _ in range(1024 * MB // len(row)):
            handle.write(row)
        handle.write(b"</sheetData></worksheet>")

    return replace_part("xl/worksheets/sheet1.xml", write)


BILLION_LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b"]>"
)
XXE = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'

ENTITIES_REFUSED = "Tệp Excel có khai báo thực thể XML (DTD)"
CASES = {
    "oversized cell": (oversized_cell, "Tệp Excel khi giải nén có 300 MB, vượt quá 40 MB cho phép"),
    "XML bomb": (xml_bomb, "MB, vượt quá 40 MB cho phép"),
    "billion laughs": (
        lambda: sheet_with(b'<c r="B2" t="inlineStr"><is><t>&lol9;</t></is></c>', BILLION_LAUGHS),
        ENTITIES_REFUSED,
    ),
    "XXE": (lambda: sheet_with(b'<c r="B2" t="inlineStr"><is><t>&xxe;</t></is></c>', XXE), ENTITIES_REFUSED),
    "long cell": (
        lambda: sheet_with(b'<c r="B2" t="inlineStr"><is><t>' + b"B" * 5000 + b"</t></is></c>"),
        "Ô B2 có 5000 ký tự; mỗi ô chỉ được có tối đa 1000 ký tự.",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(CASES))
def test_hostile_files_are_refused_clearly_in_bounded_memory(case):
    make, message = CASES[case]
    data = make()
    assert len(data) < 10 * MB  # every one of them passes the upload size limit
    tracemalloc.start()
    try:
        report = EnterpriseImporter().dry_run(data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(report.file_errors) == 1
    assert message in report.file_errors[0]
    assert peak < PEAK_LIMIT + len(data), (case, peak // MB)
    assert Enterprise.objects.count() == 0


@pytest.mark.django_db
def test_the_import_page_runs_the_check_as_a_job_and_shows_the_refusal(client_for, users, post_and_follow):
    page = post_and_follow(
        client_for(users["staff"]),
        reverse("enterprises:import"),
        {"file": SimpleUploadedFile("bom.xlsx", sheet_with(b"", XXE)), "units_on": "2026-01-01"},
    )
    job = page.context["job"]
    assert (job.status, job.progress) == ("succeeded", 100)
    assert ENTITIES_REFUSED in page.content.decode()
    assert "/etc/passwd" not in page.content.decode()
