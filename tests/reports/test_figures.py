"""Acceptance: every figure counted by the plan's data period, as of the cut-off, within the plan.

The data set (``figures_data``) has two plans side by side, records on 14 Dec, 15 Dec, 31 Dec
and 1 Jan, and payments after the cut-offs; its docstring computes every figure by hand. The
annual, two-year and five-year reports must give those values in the frozen figures, in every
cell of the XLSX and in the PDF text — and each figure one value throughout a report.
"""

import datetime
import hashlib
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core import clock
from programs.periods import Basis
from programs.selectors.kpi import plan_kpis
from reports.models import ReportKind, ReportStatus
from reports.services import report_request, report_update

from . import figures_data as data
from .conftest import COMPLETE

pytestmark = pytest.mark.django_db
M = data.M
REQUESTED_AT = datetime.datetime(2026, 1, 10, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def plans(db):
    return data.build()


@pytest.fixture
def build_report(plans, users, django_capture_on_commit_callbacks):
    def run(kind, year=None, plan=None, **fields):
        with clock.frozen(REQUESTED_AT), django_capture_on_commit_callbacks(execute=True):
            result, _created = report_request(
                plan=plan or plans.p, kind=kind, year=year, actor=users["staff"], **(COMPLETE | fields)
            )
        result.refresh_from_db()
        assert result.status == ReportStatus.SUCCEEDED, result.error
        return result

    return run


def kpis_of(run) -> dict:
    return {k["code"]: k for k in run.figures["kpis"]}


def workbook_of(run):
    with run.xlsx_file.open("rb") as handle:
        return load_workbook(io.BytesIO(handle.read()))


def pdf_text(field) -> str:
    with field.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def sha(field) -> str:
    with field.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def kpi_rows(run) -> dict:
    sheet = workbook_of(run)["II. Chỉ tiêu"]
    return {row[0]: list(row) for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}


# --- The data years of the two plans -------------------------------------------------------------
def test_the_engine_counts_each_plan_by_its_own_years(plans):
    p = {r.code: r for r in plan_kpis(plan=plans.p)}
    for code, yearly in data.P_YEARLY.items():
        expected = None if code == "N" else dict(zip(range(2021, 2026), map(Decimal, yearly), strict=True))
        assert (p[code].yearly_actual if code != "N" else None) == expected, code
    # Plan Q counts calendar years: its 15/12/2021 course is in 2021, P's in 2022; P's records are not Q's.
    q = {r.code: r for r in plan_kpis(plan=plans.q)}
    assert [q["E"].yearly_actual[y] for y in (2021, 2022)] == [6, 1]
    assert [q["ME"].yearly_actual[y] for y in (2021, 2022)] == [2, 1]
    assert [q["S"].yearly_actual[y] for y in (2021, 2022)] == [1, 0]  # its own scheme's decision of 15/12/2021
    # P on calendar years (the dashboard's switch): 14, 15 and 31 Dec 2021 fall in 2021; 15/12/2020
    # is in no calendar year of the plan and 15/12/2025 is in 2025.
    calendar = {r.code: r for r in plan_kpis(plan=plans.p, basis=Basis.CALENDAR)}
    assert [calendar["E"].yearly_actual[y] for y in range(2021, 2026)] == [6, 4, 0, 0, 7]


# --- The annual reports ----------------------------------------------------------------------------
ANNUAL_2022 = {
    # code: (actual 2022, period, growth %, % met, status label)
    "E": (8, 8, None, 53.33, "Chưa đạt"),
    "M": (2, 2, None, 20, "Chưa đạt"),
    "S": (3, None, 50, None, "Vượt"),
    "ME": (2, 2, None, 200, "Đạt"),
    "C": (1, 1, None, 100, "Đạt"),
    "PF": (4, 4, None, 133.33, "Đạt"),
    "N": (None, None, None, None, "Chưa có số liệu (chưa có cách đo)"),
}


def test_annual_2022_frozen_figures_xlsx_cells_and_pdf_text(build_report):
    run = build_report(ReportKind.ANNUAL, year=2022)
    assert (run.data_from, run.data_to) == (datetime.date(2021, 12, 15), datetime.date(2022, 12, 14))
    kpis = kpis_of(run)
    assert kpis["E"]["yearly"][0]["actual"] == "8"
    assert kpis["E"]["period_actual"] == "8"
    assert kpis["S"]["yearly"][0]["growth"] == "50"
    assert kpis["S"]["rate"] == "50"
    assert kpis["S"]["status"] == "above"
    assert kpis["S"]["percent_of_target"] is None
    assert kpis["N"]["status"] == "no_data"
    assert kpis["N"]["yearly"][0]["actual"] is None
    rows = kpi_rows(run)
    for code, (actual, period, growth, percent, status) in ANNUAL_2022.items():
        row = rows[code]
        assert row[3] == data.TARGET_TEXT[code], code
        assert row[7:] == [actual, period, growth, percent, status], code
    assert rows["M"][4:7] == [10, None, 5]  # about 10 with its ±5 % tolerance
    text = pdf_text(run.pdf_file)
    assert "Kỳ số liệu: từ ngày 15/12/2021 đến ngày 14/12/2022." in text
    assert "Năm số liệu 2022: 15/12/2021 – 14/12/2022." in text
    assert "Kinh phí tính đến hết ngày 14/12/2022; số liệu ghi nhận đến 16:00 10/01/2026." in text
    for row in (
        "E Chuyên gia lượt 15 - 20 8 8 53,3 % Chưa đạt",
        "M Lãnh đạo lượt khoảng 10 (±5 %) 2 2 20 % Chưa đạt",
        "S Tăng DN %/năm 10 - 15 3 (50 %) 50 % Vượt",
        "ME Mô hình DN ít nhất 1 2 2 200 % Đạt",
        "C Tổ chức tổ chức 1 - 2 1 1 100 % Đạt",
        "PF Đối tác lượt ít nhất 3 4 4 133,3 % Đạt",
        "N Chưa đo lượt ít nhất 1 – – Chưa có số liệu (chưa có cách đo)",
    ):
        assert row in text, row


def test_annual_2022_sections_give_the_kpi_figures_and_money_as_of_its_cut_off(build_report):
    run = build_report(ReportKind.ANNUAL, year=2022)
    f = run.figures
    # Support: B, C and A again (3 applications, 3 enterprises) — the KPI S counts 3 enterprises.
    total = {"applications": 3, "enterprises": 3, "approved": 100 * M, "disbursed": 30 * M}
    assert f["support"]["total"] == total
    assert f["support"]["by_year"] == [{"year": 2022, **total}]
    assert int(kpis_of(run)["S"]["yearly"][0]["actual"]) == f["support"]["by_year"][0]["enterprises"]
    # Training: the expert kind's person-times are the KPI E, the manager kind's the KPI M.
    kinds = {k["measure_arg"]: k for k in f["training"]["kinds"]}
    assert (kinds["expert"]["courses"], kinds["expert"]["person_times"]) == (3, 8)
    assert (kinds["manager"]["courses"], kinds["manager"]["person_times"]) == (1, 2)
    assert kinds["expert"]["person_times"] == int(kpis_of(run)["E"]["period_actual"])
    assert kinds["manager"]["person_times"] == int(kpis_of(run)["M"]["period_actual"])
    # Budget 2022 as of 14/12/2022: B's payment of 20/12/2022 is after the cut-off.
    assert f["budget"]["total"] == {
        "proposed": 400 * M,
        "appraised": 0,
        "approved": 300 * M,
        "reserved": 100 * M,
        "disbursed": 30 * M,
        "remaining": 200 * M,
    }
    # Partners: the approved report of 2022, with its activity and its figure (the KPI PF).
    (partner,) = f["partners"]
    assert (partner["organisation"], partner["period_start"], partner["period_end"]) == (
        "Liên minh Hợp tác xã",
        "2021-12-15",
        "2022-12-14",
    )
    assert partner["figures"] == [{"code": "PF", "indicator": "Đối tác", "unit": "lượt", "value": "4.00"}]
    book = workbook_of(run)
    support = [list(r) for r in book["III. Hỗ trợ"].iter_rows(values_only=True)]
    assert support[2] == [2022, 3, 3, 100 * M, 30 * M]
    training = [list(r) for r in book["IV. Đào tạo"].iter_rows(values_only=True)]
    assert ["Đào tạo chuyên gia", 3, 8, 8] in training
    assert ["Tập huấn lãnh đạo, quản lý", 1, 2, 2] in training
    budget = [list(r) for r in book["V. Kinh phí"].iter_rows(values_only=True)]
    assert budget[0][0] == "V. Kinh phí theo nguồn, tính đến ngày 14/12/2022"
    assert budget[2] == ["Kinh phí Nghị quyết 02", 2022, 400 * M, 0, 300 * M, 100 * M, 30 * M, 200 * M]
    partners = [list(r) for r in book["VI. Đơn vị phối hợp"].iter_rows(values_only=True)]
    assert any(r[3] == "PF – Đối tác (lượt)" and r[4] == 4 for r in partners)
    info = {r[0]: r[1] for r in book["Báo cáo"].iter_rows(min_row=3, values_only=True)}
    assert info["Năm số liệu 2022"] == "15/12/2021 – 14/12/2022"
    assert info["Kinh phí tính đến hết ngày"].date() == datetime.date(2022, 12, 14)
    text = pdf_text(run.pdf_file)
    assert "Trong kỳ đã hỗ trợ 3 hồ sơ của 3 doanh nghiệp" in text
    assert "2022 3 3 100.000.000 30.000.000" in text  # Table 2, by data year
    assert "Đào tạo chuyên gia 3 8" in text
    assert "Bảng 7. Kinh phí theo nguồn (đồng), tính đến ngày 14/12/2022" in text
    assert "Kinh phí Nghị quyết 02 400.000.000 300.000.000 100.000.000 30.000.000" in text
    assert "Liên minh Hợp tác xã (15/12/2021 – 14/12/2022)" in text
    assert "Hội thảo năng suất cho hợp tác xã" in text


def test_annual_2021_counts_15_december_2020_and_prints_measured_zeros(build_report):
    run = build_report(ReportKind.ANNUAL, year=2021)
    assert (run.data_from, run.data_to) == (datetime.date(2020, 12, 15), datetime.date(2021, 12, 14))
    rows = kpi_rows(run)
    assert rows["E"][7:] == [3, 3, None, 20, "Chưa đạt"]  # 15/12/2020 (1) and 14/12/2021 (2)
    assert rows["S"][7:] == [2, None, 0, None, "Chưa đạt"]  # 2 after a baseline of 2: 0 %
    assert rows["ME"][7:] == [1, 1, None, 100, "Đạt"]
    # A measured zero is a figure with its status, never "no data".
    assert rows["C"][7:] == [0, 0, None, 0, "Chưa đạt"]
    assert rows["PF"][7:] == [0, 0, None, 0, "Chưa đạt"]  # the 2021 partner report is not approved
    f = run.figures
    assert f["support"]["total"] == {"applications": 2, "enterprises": 2, "approved": 110 * M, "disbursed": 70 * M}
    assert f["budget"]["total"]["disbursed"] == 70 * M  # A1's 40M of 15/12/2021 is after the cut-off
    assert f["partners"] == []
    text = pdf_text(run.pdf_file)
    assert "C Tổ chức tổ chức 1 - 2 0 0 0 % Chưa đạt" in text
    assert "Trong kỳ không có báo cáo nào của đơn vị phối hợp đã được phê duyệt." in text


# --- Two-year and five-year ------------------------------------------------------------------------
MULTI = {
    ReportKind.TWO_YEAR: {
        "years": [2021, 2022],
        "E": ([3, 8], 11, 73.33, "Chưa đạt"),
        "S": ([2, 3], None, None, "Vượt"),
        "ME": ([1, 2], 3, 300, "Đạt"),
        "PF": ([0, 4], 4, 133.33, "Đạt"),
        "rate": 22.47,
        "support": {"applications": 5, "enterprises": 4, "approved": 210 * M, "disbursed": 140 * M},
        "budget": (800 * M, 210 * M, 140 * M),
    },
    ReportKind.FIVE_YEAR: {
        "years": [2021, 2022, 2023, 2024, 2025],
        "E": ([3, 8, 0, 0, 2], 13, 86.67, "Chưa đạt"),
        "S": ([2, 3, 0, 0, 0], None, None, "Chưa đạt"),
        "ME": ([1, 2, 0, 0, 0], 3, 300, "Đạt"),
        "PF": ([0, 4, 0, 0, 0], 4, 133.33, "Đạt"),
        "rate": -100,
        "support": {"applications": 5, "enterprises": 4, "approved": 210 * M, "disbursed": 190 * M},
        "budget": (800 * M, 210 * M, 190 * M),
    },
}


@pytest.mark.parametrize("kind", [ReportKind.TWO_YEAR, ReportKind.FIVE_YEAR])
def test_two_and_five_year_reports_give_the_hand_computed_figures_everywhere(build_report, kind):
    expected = MULTI[kind]
    run = build_report(kind)
    years = expected["years"]
    assert run.figures["period"]["years"] == years
    rows = kpi_rows(run)
    n = len(years)
    for code in ("E", "ME", "PF"):
        yearly, period, percent, status = expected[code]
        assert rows[code][7 : 7 + n] == yearly, code
        assert rows[code][7 + n :] == [period, None, percent, status], code
    yearly, _period, _percent, status = expected["S"]
    assert rows["S"][7 : 7 + n] == yearly
    assert rows["S"][7 + n :] == [None, expected["rate"], None, status]
    f = run.figures
    assert f["support"]["total"] == expected["support"]
    # Each figure has one value throughout: the KPI S's years are the support table's enterprises by year,
    # and the KPI E's years are the training table's expert person-times by year.
    assert [row["enterprises"] for row in f["support"]["by_year"]] == yearly
    kinds = {k["measure_arg"]: k for k in f["training"]["kinds"]}
    assert kinds["expert"]["yearly"] == expected["E"][0]
    approved, reserved, disbursed = expected["budget"]
    assert (f["budget"]["total"]["approved"], f["budget"]["total"]["reserved"], f["budget"]["total"]["disbursed"]) == (
        approved,
        reserved,
        disbursed,
    )
    appendix = [list(r) for r in workbook_of(run)["Phụ lục"].iter_rows(min_row=3, values_only=True)]
    assert [r[5] for r in appendix if r[0] == "E"] == expected["E"][0]
    assert [r[6] for r in appendix if r[0] == "E"] == [None] * n  # counts show counts, no growth
    growth = [r[6] for r in appendix if r[0] == "S"]
    assert growth == [0, 50, -100, None, None][:n]
    text = pdf_text(run.pdf_file)
    for year, (start, end) in zip(
        years,
        [
            ("15/12/2020", "14/12/2021"),
            ("15/12/2021", "14/12/2022"),
            ("15/12/2022", "14/12/2023"),
            ("15/12/2023", "14/12/2024"),
            ("15/12/2024", "14/12/2025"),
        ],
        strict=False,
    ):
        assert f"Năm số liệu {year}: {start} – {end}." in text
    e_yearly, e_period, e_percent, e_status = expected["E"]
    pdf_percent = f"{Decimal(str(e_percent)).quantize(Decimal('0.1'))}".replace(".", ",")
    assert f"E Chuyên gia lượt 15 - 20 {' '.join(map(str, e_yearly))} {e_period} {pdf_percent} % {e_status}" in text
    assert "Bài học kinh nghiệm" in text
    assert COMPLETE["lessons"] in text


# --- Rebuilt later: the same figures and the same bytes --------------------------------------------
def test_a_report_rebuilt_after_later_payments_and_attendance_has_the_same_figures_and_checksums(
    build_report, plans, users, django_capture_on_commit_callbacks
):
    from training import services as training
    from training.models import CourseSession, Enrolment

    from .factories import CourseFactory, EnrolmentFactory, LedgerEntryFactory

    run = build_report(ReportKind.ANNUAL, year=2022)
    figures, xlsx, pdf = run.figures, run.xlsx_sha256, run.pdf_sha256
    assert (sha(run.xlsx_file), sha(run.pdf_file)) == (xlsx, pdf)
    later = REQUESTED_AT + datetime.timedelta(days=30)
    with clock.frozen(later):
        estimate = run.plan.budget_estimates.get(year=2022)
        # A payment after the cut-off, and one dated before it but entered after the report was built.
        LedgerEntryFactory(
            application=plans.applications["A2"],
            estimate=estimate,
            kind="payment",
            amount=5 * M,
            date=datetime.date(2022, 12, 20),
            recorded_at=later,
        )
        LedgerEntryFactory(
            application=plans.applications["A2"],
            estimate=estimate,
            kind="payment",
            amount=7 * M,
            date=datetime.date(2022, 12, 1),
            recorded_at=later,
        )
        # Attendance recorded late for a course of the period, and a course after the cut-off.
        course = plans.courses["p-expert-2022-01-01"]
        session = CourseSession.objects.create(course=course, date=course.end_date)
        late = EnrolmentFactory(course=course, status="registered")
        training.attendance_set(session=session, enrolment=late, present=True, actor=users["staff"])
        assert Enrolment.objects.get(pk=late.pk).status == "attended"
        after = CourseFactory(
            plan=plans.p, kind=course.kind, start_date=datetime.date(2022, 12, 15), end_date=datetime.date(2022, 12, 16)
        )
        EnrolmentFactory(course=after, status="attended")
        # The dashboard, counting everything recorded so far, sees the late attendance.
        assert plan_kpis(plan=plans.p, year_from=2022, year_to=2022)[0].period_actual == 9
        # Edit the text and edit it back: two rebuilds of the same run.
        with django_capture_on_commit_callbacks(execute=True):
            report_update(run=run, actor=users["staff"], proposals="Tạm sửa.")
        with django_capture_on_commit_callbacks(execute=True):
            report_update(run=run, actor=users["staff"], proposals=COMPLETE["proposals"])
    run.refresh_from_db()
    assert run.status == ReportStatus.SUCCEEDED
    assert run.figures == figures
    assert (run.xlsx_sha256, run.pdf_sha256) == (xlsx, pdf)
    assert (sha(run.xlsx_file), sha(run.pdf_file)) == (xlsx, pdf)
