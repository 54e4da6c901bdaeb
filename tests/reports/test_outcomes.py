"""Outcomes of supported enterprises on three hand-computed enterprises: the leader dashboard, the
report section (frozen figures, XLSX and PDF) and the public page say the same, and the public page
shows no enterprise's own figures."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from programs.applications.models import OutcomeStage, Standard
from programs.applications.outcomes.figures import cohort, outcome_rows, outcome_summary
from programs.applications.outcomes.services import outcome_report_save
from reports.models import ReportKind, ReportStatus
from reports.services import report_request
from tests.applications.factories import pdf_text

from .factories import ApplicationFactory, EnterpriseFactory, PlanFactory, SchemeFactory, SectorFactory, UnitFactory

# Hand-computed (VND million; productivity = value added ÷ employees):
# A: 3 000 / 50 = 60 → completion 3 600 / 48 = 75: +25.00 %
# B (no value added: revenue − material costs): (8 000 − 6 200) / 30 = 60 → follow-up
#    (9 000 − 6 840) / 32 = 67.5: +12.50 % (the completion, 2 100 / 30 = 70, is not used: the follow-up is later)
# C (worse): 4 000 / 40 = 100 → completion 3 690 / 41 = 90: −10.00 %
# Median of 25, 12.5 and −10 = 12.50 %; improved 2 of 3 = 66.67 %.
EXPECTED = {"A": Decimal("25.00"), "B": Decimal("12.50"), "C": Decimal("-10.00")}


@pytest.fixture
def three(db, users):
    plan = PlanFactory()
    iso = Standard.objects.get(code="iso9001")
    sectors = [
        SectorFactory(code=code, name=name, level=1)
        for code, name in (("C", "Công nghiệp chế biến, chế tạo"), ("A", "Nông nghiệp"), ("G", "Bán buôn, bán lẻ"))
    ]
    rows = {}
    staff = users["staff"]
    for index, name in enumerate("ABC"):
        scheme = SchemeFactory(plan=plan, title=f"Hỗ trợ áp dụng đợt {name}")
        if name == "A":
            scheme.item.standards.add(iso)
        enterprise = EnterpriseFactory(
            name=f"Công ty Kết Quả {name}", sector=sectors[index], unit=UnitFactory(name=f"Huyện Kết Quả {name}")
        )
        rows[name] = ApplicationFactory(
            scheme=scheme,
            enterprise=enterprise,
            status="disbursed",
            decision_date=datetime.date(2022, 3, 10 + index),
            accepted_on=datetime.date(2022, 11, 1),
        )

    def give(name, stage, **figures):
        outcome_report_save(application=rows[name], stage=stage, actor=staff, source_document="BCTC", **figures)

    give("A", OutcomeStage.BASELINE, year=2021, revenue=10_000, value_added=3_000, employees=50)
    give(
        "A",
        OutcomeStage.COMPLETION,
        year=2022,
        revenue=11_000,
        value_added=3_600,
        employees=48,
        certificate_standard=iso,
        certificate_number="QMS-0042",
        certificate_date=datetime.date(2022, 10, 20),
    )
    give("B", OutcomeStage.BASELINE, year=2021, revenue=8_000, material_costs=6_200, employees=30)
    give("B", OutcomeStage.COMPLETION, year=2022, revenue=8_500, material_costs=6_400, employees=30)
    give("B", OutcomeStage.FOLLOW_UP, year=2023, revenue=9_000, material_costs=6_840, employees=32)
    give("C", OutcomeStage.BASELINE, year=2021, revenue=9_000, value_added=4_000, employees=40)
    give("C", OutcomeStage.COMPLETION, year=2022, revenue=8_800, value_added=3_690, employees=41)
    return plan, rows


def test_the_hand_computed_changes_are_the_engines(three):
    plan, rows = three
    computed = {r.enterprise[-1]: r.change for r in outcome_rows(cohort(plan=plan))}
    assert computed == EXPECTED
    summary = outcome_summary(cohort(plan=plan))
    assert (summary.total.enterprises, summary.total.median_change, summary.total.improved_share) == (
        3,
        Decimal("12.50"),
        Decimal("66.67"),
    )
    assert [(g.name, g.median_change) for g in summary.by_scheme] == [
        (f"Hỗ trợ áp dụng đợt {n}", EXPECTED[n]) for n in "ABC"
    ]
    assert [(c.standard, c.count) for c in summary.certificates] == [("ISO 9001 – Hệ thống quản lý chất lượng", 1)]


def test_the_dashboard_shows_the_hand_computed_changes(three, users, client_for):
    plan, _rows = three
    page = client_for(users["leader"]).get(reverse("programs:dashboard"), {"plan": plan.pk}).content.decode()
    assert 'data-figure="enterprises">3<' in page
    assert 'data-figure="median">12,50 %<' in page
    assert 'data-figure="improved">66,67 % (2/3)<' in page
    for name, text in (("A", "25,00 %"), ("B", "12,50 %"), ("C", "-10,00 %")):
        assert (
            f'<th scope="row">Hỗ trợ áp dụng đợt {name}</th><td class="num">1</td><td class="num">{text}</td>' in page
        )


def test_the_public_page_shows_aggregates_only(three, client):
    plan, _rows = three
    page = client.get(reverse("programs:public_dashboard"), {"plan": plan.pk}).content.decode()
    assert 'data-figure="median">12,50 %<' in page  # the total, over three enterprises
    assert "25,00" not in page
    assert "-10,00" not in page
    assert "Công ty Kết Quả" not in page
    assert "Hỗ trợ áp dụng đợt A" not in page  # a group of one is merged into "Other"
    assert "Khác (các nhóm dưới 3 doanh nghiệp)" in page


@pytest.fixture
def five_year(three, users, django_capture_on_commit_callbacks):
    plan, _rows = three
    with django_capture_on_commit_callbacks(execute=True):
        run, _created = report_request(plan=plan, kind=ReportKind.FIVE_YEAR, actor=users["staff"])
    run.refresh_from_db()
    assert run.status == ReportStatus.SUCCEEDED, run.error
    return run


def test_the_report_section_and_the_xlsx_hold_the_hand_computed_changes(five_year):
    outcomes = five_year.figures["outcomes"]
    assert outcomes["total"]["median_change"] == "12.50"
    assert outcomes["total"]["improved_share"] == "66.67"
    assert [(g["name"][-1], g["median_change"]) for g in outcomes["by_scheme"]] == [
        ("A", "25.00"),
        ("B", "12.50"),
        ("C", "-10.00"),
    ]
    with five_year.xlsx_file.open("rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))
    listed = {row[1][-1]: row for row in workbook["DS kết quả DN"].iter_rows(min_row=2, values_only=True)}
    assert {name: (row[7], row[9], row[10]) for name, row in listed.items()} == {
        "A": (60, 75, 25),
        "B": (60, 67.5, 12.5),
        "C": (100, 90, -10),
    }
    sheet = workbook["III.b Kết quả DN"]
    values = [row for row in sheet.iter_rows(min_row=1, values_only=True) if row and row[0]]
    by_scheme = {row[0][-1]: row[3] for row in values if str(row[0]).startswith("Hỗ trợ áp dụng đợt")}
    assert by_scheme == {"A": 25, "B": 12.5, "C": -10}
    totals = [row for row in values if row[0] == "Tổng cộng" and len(row) > 3]
    assert totals[0][1:6] == (3, 3, 12.5, 2, 66.67)
    text = pdf_text(five_year.pdf_file.open("rb").read())
    assert "12,5 %" in text
    assert "Kết quả của doanh nghiệp được hỗ trợ" in text.replace("\n", " ")


def test_an_annual_report_has_no_outcome_section(three, users, django_capture_on_commit_callbacks):
    plan, _rows = three
    with django_capture_on_commit_callbacks(execute=True):
        run, _created = report_request(plan=plan, kind=ReportKind.ANNUAL, year=2022, actor=users["staff"])
    run.refresh_from_db()
    assert run.figures["outcomes"] is None
    with run.xlsx_file.open("rb") as handle:
        assert "III.b Kết quả DN" not in load_workbook(io.BytesIO(handle.read())).sheetnames


def test_the_outcome_figures_take_the_same_queries_for_more_enterprises(three, users, count_queries):
    plan, rows = three
    _summary, few = count_queries(lambda: outcome_summary(cohort(plan=plan), public=True))
    scheme = rows["A"].scheme
    for index in range(5):
        app = ApplicationFactory(
            scheme=scheme,
            enterprise=EnterpriseFactory(name=f"Công ty Thêm {index}"),
            status="disbursed",
            decision_date=datetime.date(2023, 4, 1 + index),
        )
        for stage, value_added in ((OutcomeStage.BASELINE, 1_000), (OutcomeStage.COMPLETION, 1_100 + index)):
            outcome_report_save(
                application=app,
                stage=stage,
                actor=users["staff"],
                year=2022 if stage == OutcomeStage.BASELINE else 2023,
                revenue=5_000,
                value_added=value_added,
                employees=20,
            )
    summary, many = count_queries(lambda: outcome_summary(cohort(plan=plan), public=True))
    assert few == many == 3
    assert summary.total.enterprises == 8
