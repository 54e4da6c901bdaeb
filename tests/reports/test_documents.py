"""The XLSX and the PDF of a five-year summary on a hand-built data set: every figure equals the
KPI engine's (the dashboard's numbers) and the value computed by hand."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from programs.selectors.kpi import plan_kpis
from reports.models import ReportKind, ReportStatus
from reports.services import report_request


@pytest.fixture
def built(report_data, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run, created = report_request(
            plan=report_data.plan,
            kind=ReportKind.FIVE_YEAR,
            actor=users["staff"],
            number="12/BC-SKHCN",
            report_date=datetime.date(2024, 1, 5),
            signer_name="Nguyễn Văn Hùng",
            signer_title="Giám đốc",
            recipients="UBND tỉnh (b/c);\nBộ Khoa học và Công nghệ;\nLưu: VT, QLCN.",
            shortcomings="Nguồn lực hỗ trợ còn hạn chế.",
        )
    assert created
    run.refresh_from_db()
    assert run.status == ReportStatus.SUCCEEDED, run.error
    return run


@pytest.fixture
def workbook(built):
    with built.xlsx_file.open("rb") as handle:
        return load_workbook(io.BytesIO(handle.read()))


def rows_of(sheet, start=1):
    return [list(row) for row in sheet.iter_rows(min_row=start, values_only=True)]


def evaluate(sheet, value):
    """The value of a =SUM(X1:X9) total, computed from the sheet's cells."""
    match = re.fullmatch(r"=SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)", value)
    assert match, value
    column, first, _column, last = match.groups()
    return sum(sheet[f"{column}{row}"].value or 0 for row in range(int(first), int(last) + 1))


def find_row(rows, first_cell):
    return next(row for row in rows if row and row[0] == first_cell)


def test_the_data_period_of_a_five_year_summary_is_the_whole_plan_by_decree_09(built):
    assert (built.data_from, built.data_to) == (datetime.date(2020, 12, 15), datetime.date(2025, 12, 14))
    assert built.figures["period"]["years"] == [2021, 2022, 2023, 2024, 2025]


def test_every_kpi_figure_in_the_xlsx_equals_the_engine_and_the_hand_count(built, workbook, report_data):
    sheet = workbook["II. Chỉ tiêu"]
    header = rows_of(sheet, 2)[0]
    assert header[:7] == [
        "Mã",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Mục tiêu",
        "Mục tiêu (tối thiểu)",
        "Mục tiêu (tối đa)",
        "Dung sai (%)",
    ]
    assert header[7:12] == [f"Thực hiện {year}" for year in range(2021, 2026)]
    rows = rows_of(sheet, 3)
    engine = {r.code: r for r in plan_kpis(plan=report_data.plan, year_from=2021, year_to=2025)}
    assert [row[0] for row in rows] == ["a1", "a2"]
    for row in rows:
        result = engine[row[0]]
        assert row[4] == result.target_min
        assert (row[5] is None) == (result.target_max is None)
        assert [Decimal(str(v)) for v in row[7:12]] == [result.yearly_actual[y] for y in range(2021, 2026)]
        assert Decimal(str(row[12])) == result.period_actual
        assert Decimal(str(row[14])) == result.percent_of_target
    # By hand: expert person-times 3 (2021) + 5 (2022; one of them certified) = 8 of 15-20 → 53.33 %.
    a1 = find_row(rows, "a1")
    assert a1[3:13] == ["15 - 20", 15, 20, None, 3, 5, 0, 0, 0, 8]
    assert a1[13] is None  # a count: no growth percentage
    assert a1[14] == 53.33
    assert a1[15] == "Chưa đạt"
    # Distinct supported enterprises: E1 (2021, 2023) and E2 (2022) → 2 of at least 2.
    a2 = find_row(rows, "a2")
    assert a2[3] == "ít nhất 2"
    assert a2[7:13] == [1, 1, 1, 0, 0, 2]
    assert a2[14] == 100
    assert a2[15] == "Đạt"
    for row in rows:
        for value in row[4:15]:
            assert value is None or isinstance(value, int | float), row


def test_support_training_and_budget_sheets_hold_numbers_and_sum_formulas(workbook, report_data):
    support = workbook["III. Hỗ trợ"]
    rows = rows_of(support)
    for name, (applications, enterprises, approved, disbursed) in report_data.support["scheme"].items():
        assert find_row(rows, name)[1:5] == [applications, enterprises, approved, disbursed]
    for name, expected in report_data.support["unit"].items():
        assert tuple(find_row(rows, name)[1:5]) == expected
    totals = [(index, row) for index, row in enumerate(rows, start=1) if row[0] == "Tổng cộng"]
    assert len(totals) == 4  # by data year, by scheme, by unit, by sector
    expected = report_data.support["total"]
    for index, row in totals:
        assert support.cell(index, 2).data_type == "f"
        assert evaluate(support, row[1]) == expected["applications"]
        assert row[2] == expected["enterprises"]  # distinct enterprises: a number, not a sum
        assert evaluate(support, row[3]) == expected["approved"]
        assert evaluate(support, row[4]) == expected["disbursed"]
        assert support.cell(index, 4).number_format == "#,##0"

    training = workbook["IV. Đào tạo"]
    rows = rows_of(training)
    assert rows[1][2:8] == [*[f"Số lượt người {y}" for y in range(2021, 2026)], "Số lượt người"]
    for name in ("Đào tạo chuyên gia năng suất", "Đào tạo lãnh đạo, quản lý"):
        row = find_row(rows, name)
        assert (row[1], row[7]) == report_data.training[name]
    assert find_row(rows, "Đào tạo chuyên gia năng suất")[2:7] == [3, 5, 0, 0, 0]
    total = find_row(rows, "Tổng cộng")
    assert (evaluate(training, total[1]), evaluate(training, total[7])) == report_data.training["total"]

    budget = workbook["V. Kinh phí"]
    assert budget["A1"].value == "V. Kinh phí theo nguồn, tính đến ngày 14/12/2025"
    rows = rows_of(budget)
    total = find_row(rows, "Tổng cộng")
    keys = ["proposed", "appraised", "approved", "reserved", "disbursed", "remaining"]
    assert {key: evaluate(budget, total[2 + i]) for i, key in enumerate(keys)} == report_data.budget
    money = budget.cell(4, 3)
    assert isinstance(money.value, int)
    assert money.number_format == "#,##0"


def test_results_and_lists_hold_dates_as_dates_and_the_period_only(workbook, report_data):
    results = workbook["I. Kết quả"]
    rows = rows_of(results)
    total = find_row([row[2:] for row in rows], "Tổng cộng")
    assert evaluate(results, total[3]) == report_data.activity_cost
    activities = workbook["DS hoạt động"]
    listed = rows_of(activities, 2)[:-1]
    assert len(listed) == report_data.activities_in_period
    assert all(isinstance(row[0], datetime.datetime) for row in listed)
    assert activities["A2"].number_format == "DD/MM/YYYY"
    assert "Hội nghị tổng kết" not in [row[3] for row in listed]  # 20/12/2025 is after the data period
    enterprises = rows_of(workbook["DS doanh nghiệp được hỗ trợ"], 2)
    assert [row[1] for row in enterprises[:-1]] == ["Công ty Cổ phần Đồ hộp Hội An", "Công ty TNHH Mỹ nghệ Tam Kỳ"]
    assert enterprises[0][5:9] == ["Có", 2, 130_000_000, 110_000_000]
    applications = rows_of(workbook["DS hồ sơ hỗ trợ"], 2)[:-1]
    assert len(applications) == 3
    assert isinstance(applications[0][4], datetime.datetime)
    courses = rows_of(workbook["DS khóa đào tạo"], 2)[:-1]
    assert sorted(row[6] for row in courses) == [2, 3, 5]


def test_every_sheet_is_frozen_sized_and_prints_a4_landscape(workbook):
    expected = [
        "Báo cáo",
        "I. Kết quả",
        "II. Chỉ tiêu",
        "III. Hỗ trợ",
        "III.b Kết quả DN",
        "IV. Đào tạo",
        "V. Kinh phí",
        "VI. Đơn vị phối hợp",
        "VII. Đánh giá",
        "Phụ lục",
        "DS doanh nghiệp được hỗ trợ",
        "DS hồ sơ hỗ trợ",
        "DS khóa đào tạo",
        "DS hoạt động",
        "DS kết quả DN",
    ]
    assert workbook.sheetnames == expected
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes, sheet.title
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert int(sheet.page_setup.paperSize) == 9, sheet.title  # A4
        assert sheet.column_dimensions["A"].width >= 8, sheet.title
    assert workbook["II. Chỉ tiêu"].freeze_panes == "C3"


@pytest.fixture
def pdf(built):
    with built.pdf_file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def test_the_pdf_has_the_decree_30_header_kpi_rows_and_intact_diacritics(pdf):
    text = "\n".join(page.extract_text() for page in pdf.pages)
    flat = " ".join(text.split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND TỈNH QUẢNG NAM",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "Số: 12/BC-SKHCN",
        "Quảng Nam, ngày 05 tháng 01 năm 2024",
        "BÁO CÁO",
        "Tổng kết 05 năm thực hiện kế hoạch hỗ trợ doanh nghiệp",
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "Số lượt chuyên gia năng suất được đào tạo",
        "Số doanh nghiệp được hỗ trợ",
        "Chưa đạt",
        "53,3 %",
        "Hỗ trợ áp dụng ISO 9001:2015",
        "150.000.000",
        "Đào tạo chuyên gia năng suất",
        "2.100.000.000",
        "Nguồn lực hỗ trợ còn hạn chế.",
        "Nơi nhận:",
        "Bộ Khoa học và Công nghệ;",
        "GIÁM ĐỐC",
        "Nguyễn Văn Hùng",
        "PHỤ LỤC",
    ):
        assert expected in flat, expected
    # The sections come in the order of the issue.
    positions = [
        flat.index(h)
        for h in (
            "I. KẾT QUẢ",
            "II. KẾT QUẢ",
            "III. HỖ TRỢ",
            "IV. ĐÀO TẠO",
            "V. KINH PHÍ",
            "VI. KẾT QUẢ ĐÓNG GÓP",
            "VII. ĐÁNH GIÁ",
            "Nơi nhận:",
            "PHỤ LỤC",
        )
    ]
    assert positions == sorted(positions)


def top_margin_text(page) -> str:
    found = []

    def visit(text, cm, tm, font, size):
        y = cm[5] + tm[5] * cm[3] if cm else tm[5]
        if text.strip() and y > float(page.mediabox.height) - 20 / 25.4 * 72:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return "".join(found)


def test_the_pdf_pages_are_a4_numbered_from_page_two_with_tinos_embedded(pdf):
    assert len(pdf.pages) >= 2
    for page in pdf.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.28) < 1
        assert abs(height - 841.89) < 1
    # The page number sits in the top margin (above the 20 mm line): none on page 1.
    assert [top_margin_text(page) for page in pdf.pages] == ["", *[str(n) for n in range(2, len(pdf.pages) + 1)]]
    fonts = set()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert fonts
    assert all(name.startswith("Tinos") for name in fonts), fonts


def test_the_frozen_figures_are_the_ones_printed(built, report_data):
    figures = built.figures
    assert figures["support"]["total"] == report_data.support["total"]
    assert figures["training"]["total"] == {"courses": 3, "yearly": [3, 5, 2, 0, 0], "person_times": 10}
    assert figures["budget"]["total"] == report_data.budget
    assert [k["code"] for k in figures["kpis"]] == ["a1", "a2"]
    assert figures["kpis"][0]["period_actual"] == "8"
    assert figures["header"]["place_date"] == "Quảng Nam, ngày 05 tháng 01 năm 2024"


def test_collecting_the_figures_runs_the_same_queries_for_more_rows(report_data, count_queries):
    from reports.builders import builder_for
    from reports.models import ReportRun

    from .factories import ActivityFactory, ApplicationFactory, CourseFactory, EnrolmentFactory

    run = ReportRun(
        plan=report_data.plan,
        kind=ReportKind.FIVE_YEAR,
        data_from=datetime.date(2020, 12, 15),
        data_to=datetime.date(2025, 12, 14),
    )
    builder = builder_for(run.kind)(run)
    _figures, few = count_queries(builder.collect)
    group_task = report_data.groups[0].tasks.first()
    scheme = report_data.plan.schemes.first()
    for i in range(5):
        ActivityFactory(plan=report_data.plan, task=group_task, date=datetime.date(2023, 1, 1 + i), cost=1)
        ApplicationFactory(scheme=scheme, decision_date=datetime.date(2024, 2, 1 + i), approved_amount=1)
        EnrolmentFactory(course=CourseFactory(plan=report_data.plan, end_date=datetime.date(2024, 5, 5)))
    figures, many = count_queries(builder.collect)
    assert few == many
    assert figures["support"]["total"]["applications"] == report_data.support["total"]["applications"] + 5


def test_an_annual_report_holds_the_engine_figures_of_its_year(report_data, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run, _created = report_request(plan=report_data.plan, kind=ReportKind.ANNUAL, year=2022, actor=users["staff"])
    run.refresh_from_db()
    assert (run.data_from, run.data_to) == (datetime.date(2021, 12, 15), datetime.date(2022, 12, 14))
    with run.xlsx_file.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read()))["II. Chỉ tiêu"]
    assert rows_of(sheet, 2)[0][7:9] == ["Thực hiện 2022", "Thực hiện cả kỳ"]
    engine = {r.code: r for r in plan_kpis(plan=report_data.plan, year_from=2022, year_to=2022)}
    rows = {row[0]: row for row in rows_of(sheet, 3)}
    assert rows["a1"][7:9] == [5, 5]  # the five expert person-times of May 2022
    assert rows["a2"][7:9] == [1, 1]  # E2, decided on 01/03/2022
    for code, row in rows.items():
        assert Decimal(str(row[8])) == engine[code].period_actual
    assert "năm 2022" in run.figures["header"]["summary"]
    assert run.figures["support"]["total"]["applications"] == 1
    assert "Phụ lục" not in load_workbook(io.BytesIO(run.xlsx_file.open("rb").read())).sheetnames


def test_long_pdf_tables_repeat_their_header_on_every_page(report_data, users, django_capture_on_commit_callbacks):
    from .factories import ApplicationFactory, SchemeFactory

    for i in range(70):
        scheme = SchemeFactory(plan=report_data.plan, title=f"Hỗ trợ áp dụng công cụ cải tiến năng suất số {i:02d}")
        ApplicationFactory(scheme=scheme, decision_date=datetime.date(2023, 3, 3), approved_amount=10_000_000)
    with django_capture_on_commit_callbacks(execute=True):
        run, _created = report_request(plan=report_data.plan, kind=ReportKind.FIVE_YEAR, actor=users["staff"])
    run.refresh_from_db()
    with run.pdf_file.open("rb") as handle:
        pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(handle.read())).pages]
    spanned = [text for text in pages if "công cụ cải tiến năng suất số" in text]
    assert len(spanned) >= 2
    for text in spanned:
        assert "Nội dung hỗ trợ Hồ sơ Doanh nghiệp" in text
