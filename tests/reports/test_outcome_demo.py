"""The demo has outcome figures and processing clocks for 2021-2025: the leader dashboard and the
five-year report show them, and the public pages show aggregates only — searched for one demo
enterprise's own figures."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from core.demo import seeders
from core.numbers import fixed_decimal, grouped
from programs.applications import deadlines
from programs.applications.models import (
    CLOCK_RUNNING_STATUSES,
    SUPPORTED_STATUSES,
    OutcomeReport,
    OutcomeStage,
    Status,
    SupportApplication,
)
from programs.applications.outcomes.figures import cohort, outcome_summary
from programs.applications.outcomes.selectors import outcome_view
from programs.demo import demo_plan
from programs.periods import Year, data_year, plan_span
from reports.models import ReportKind, ReportStatus
from reports.services import report_request


@pytest.fixture
def demo(db):
    for _order, _name, seed in seeders():
        seed()
    return demo_plan()


def _absent(page: str, text: str) -> bool:
    """``text`` does not appear as a figure of its own (not inside a longer number)."""
    return re.search(rf"(?<![\d.,]){re.escape(text)}(?![\d,]|\.\d)", page) is None


def test_the_demo_has_outcomes_the_dashboard_and_the_five_year_report_show(
    demo, client_for, django_capture_on_commit_callbacks
):
    # The demo plan is Quảng Nam's (#12): the demo's own leader and specialist (Đà Nẵng's, which
    # took Quảng Nam over) read it; a user of another agency would get a 404.
    leader, staff = (User.objects.get(email=f"{role}@demo.vn") for role in ("leader", "staff"))
    supported = SupportApplication.objects.filter(scheme__plan=demo, status__in=SUPPORTED_STATUSES)
    completed = supported.filter(status__in=(Status.ACCEPTED, Status.DISBURSED))
    assert completed.count() > 60
    # Every completed project has its baseline and figures at completion; the submitted ones a baseline.
    for stage in (OutcomeStage.BASELINE, OutcomeStage.COMPLETION):
        assert not completed.exclude(outcome_reports__stage=stage).exists()
    # Also this year's applications of the plans in force (#12's demo): a baseline, and a due date
    # while the clock runs, as the service gives an application submitted online.
    assert not SupportApplication.objects.exclude(submitted_at=None).exclude(outcome_reports__stage="baseline").exists()
    running = SupportApplication.objects.filter(status__in=CLOCK_RUNNING_STATUSES).exclude(scheme__plan=demo)
    assert running.exists()
    assert not running.filter(due_on=None).exists()
    assert OutcomeReport.objects.filter(stage=OutcomeStage.FOLLOW_UP).count() > 40
    summary = outcome_summary(cohort(plan=demo, within=plan_span(demo)))
    assert summary.total.enterprises > 60
    assert 0 < summary.total.improved < summary.total.with_change  # some did worse
    assert summary.certificates_total > 10
    # The clocks: decisions on time and late, every submitted application has one.
    decided = SupportApplication.objects.filter(scheme__plan=demo, decided_on__isnull=False)
    assert decided.filter(decided_on_time=True).exists()
    assert decided.filter(decided_on_time=False).exists()

    page = client_for(leader).get(reverse("programs:dashboard"), {"plan": demo.pk}).content.decode()
    assert f'data-figure="enterprises">{summary.total.enterprises}<' in page
    assert f'data-figure="median">{fixed_decimal(summary.total.median_change)} %<' in page
    (year,) = deadlines.service_figures(decided, years=[Year(2023, data_year(demo, 2023))])
    assert f'<td class="num">{fixed_decimal(year.on_time_share)} %</td>' in page
    assert "on-time-by-reviewer" in page

    with django_capture_on_commit_callbacks(execute=True):
        run, _created = report_request(plan=demo, kind=ReportKind.FIVE_YEAR, actor=staff)
    run.refresh_from_db()
    assert run.status == ReportStatus.SUCCEEDED, run.error
    assert run.figures["outcomes"]["total"]["enterprises"] == summary.total.enterprises
    assert run.figures["outcomes"]["total"]["median_change"] == str(summary.total.median_change)
    with run.xlsx_file.open("rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()), read_only=True)
        listed = list(workbook["DS kết quả DN"].iter_rows(min_row=2, values_only=True))
    assert len(listed) == summary.total.enterprises


def test_public_pages_show_only_aggregates(demo, client):
    own = (
        SupportApplication.objects.filter(applicant__email="enterprise@demo.vn", outcome_reports__stage="completion")
        .select_related("enterprise")
        .first()
    )
    reports = list(own.outcome_reports.all())
    assert len(reports) >= 2
    secrets = [own.enterprise.name, own.enterprise.tax_code, own.reference_code]
    for report in reports:
        secrets += [grouped(report.revenue), grouped(report.value_added_used)]
        secrets.append(fixed_decimal(report.labour_productivity))
    # Its own change in labour productivity (what a group of one would show).
    secrets.append(fixed_decimal(outcome_view(own)["change"]) + " %")
    pages = [reverse("public_home"), f"{reverse('programs:public_programme')}?plan={demo.pk}"]
    pages += [f"{reverse('programs:public_dashboard')}?plan={demo.pk}"]
    pages += [f"{reverse('programs:public_dashboard')}?plan={demo.pk}&year={y}" for y in range(2021, 2026)]
    whole = ""
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        whole += response.content.decode()
    leaked = [text for text in secrets if not _absent(whole, text)]
    assert leaked == []
    # The aggregates are there: the outcome panel and the public-service figures, by year.
    assert 'data-figure="median">' in whole
    assert "Thời gian giải quyết trung vị (ngày làm việc)" in whole
