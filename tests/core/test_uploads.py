"""One upload validator: type from the content, Office zips bounded, active PDFs and polyglots
refused; files stored and served by their detected type."""

import io
import zipfile
import zlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.uploads import MAX_UNCOMPRESSED, content_type_of_stored, validate_upload
from tests.applications.factories import PDF_BYTES, PNG_BYTES


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def office_zip(part: str, *, size: int = 100) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(part, "w", force_zip64=True) as handle:
            chunk = b"<w:t>" + b"A" * (1024 * 1024) + b"</w:t>"
            written = 0
            while written < size:
                handle.write(chunk[: size - written])
                written += len(chunk[: size - written])
    return buffer.getvalue()


def pdf_with(body: bytes) -> bytes:
    return b"%PDF-1.7\n" + body + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_the_type_comes_from_the_content_not_the_name():
    assert validate_upload(upload("hoa-don.html", PDF_BYTES)) == "application/pdf"
    assert validate_upload(upload("anh.pdf", PNG_BYTES)) == "image/png"
    assert validate_upload(upload("bao-cao.zip", office_zip("word/document.xml"))) == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    for name, data in (
        ("x.pdf", b"<html><body><script>alert(1)</script></body></html>"),
        ("x.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        (".htaccess", b"AddType application/x-httpd-php .pdf\n"),
        ("x.docx", office_zip("random/thing.xml")),  # a zip is not an Office file by its name
    ):
        with pytest.raises(ValidationError, match="không phải là tệp PDF, ảnh, tài liệu Word hoặc Excel"):
            validate_upload(upload(name, data))


def test_a_zip_bomb_disguised_as_an_office_file_is_refused():
    bomb = office_zip("xl/workbook.xml", size=MAX_UNCOMPRESSED + 1)
    assert len(bomb) < 1024 * 1024  # small on the wire
    with pytest.raises(ValidationError, match="khi giải nén lớn hơn"):
        validate_upload(upload("so-lieu.xlsx", bomb))


@pytest.mark.parametrize(
    "body",
    [
        b"1 0 obj<</Type/Catalog/OpenAction 2 0 R>>endobj 2 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj",
        b"1 0 obj<</Type/Catalog/OpenAction<</S/J#61vaScript/J#53(x)>>>>endobj",  # name escapes
        b"1 0 obj<</Type/Catalog/AA<</O<</S/Launch/F(cmd.exe)>>>>>>endobj",
        # Hidden in a compressed object stream.
        b"1 0 obj<</Type/ObjStm/Filter/FlateDecode>>stream\n"
        + zlib.compress(b"2 0 <</S/JavaScript/JS(app.alert(1))>>")
        + b"\nendstream endobj",
    ],
)
def test_pdfs_with_javascript_or_launch_actions_are_refused(body):
    with pytest.raises(ValidationError, match="có chứa JavaScript hoặc lệnh khởi chạy chương trình"):
        validate_upload(upload("quyet-dinh.pdf", pdf_with(body)))


def test_a_pdf_that_is_also_a_web_page_is_refused():
    polyglot = pdf_with(b"1 0 obj<</Type/Catalog>>endobj\n<html><script>alert(document.cookie)</script></html>")
    with pytest.raises(ValidationError, match="có chứa mã trang web hoặc mã lệnh"):
        validate_upload(upload("hop-dong.pdf", polyglot))


def test_a_plain_pdf_with_compressed_streams_is_accepted():
    body = b"1 0 obj<</Length 20/Filter/FlateDecode>>stream\n" + zlib.compress(b"BT /F1 12 Tf (Xin chao) Tj ET")
    assert validate_upload(upload("ok.pdf", pdf_with(body + b"\nendstream endobj"))) == "application/pdf"


def test_stored_names_carry_the_detected_type():
    assert content_type_of_stored("partner-evidence/2026/abc.pdf") == "application/pdf"
    assert content_type_of_stored("x.html") == "application/octet-stream"


@pytest.mark.django_db
def test_partner_evidence_is_served_with_its_detected_type(users, client_for):
    from programs.models import IndicatorSource, PartnerReport
    from programs.services import partner_figure_save, partner_report_save
    from tests.programs.factories import IndicatorFactory, PartnerOrganisationFactory, PlanFactory

    plan = PlanFactory()
    indicator = IndicatorFactory(objective__plan=plan, source=IndicatorSource.PARTNER, measure="partner.figures")
    org = PartnerOrganisationFactory()
    org.users.add(users["partner"])
    indicator.reported_by.add(org)
    report = partner_report_save(report=PartnerReport(organisation=org, plan=plan, year=2023), actor=users["partner"])
    figure = partner_figure_save(
        report=report,
        indicator=indicator,
        value=Decimal(3),
        upload=upload("Biên bản.pdf.html", PDF_BYTES),
        actor=users["partner"],
    )
    assert figure.evidence_file.name.endswith(".pdf")
    response = client_for(users["staff"]).get(reverse("programs:partner_evidence", args=[figure.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Bien-ban.pdf.html\"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n.pdf.html"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
