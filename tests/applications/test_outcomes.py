"""Outcome figures: the rules, refusals with clear messages (nothing saved, nothing lost on the
form), "far outside the enterprise's own history", who may give them, the home-page task and the
reminder e-mails."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from freezegun import freeze_time

from core.models import AuditEvent
from programs.applications.models import FigureSource, OutcomeReport, OutcomeStage, Reminder, Status
from programs.applications.outcomes import rules
from programs.applications.outcomes.services import outcome_report_save
from programs.applications.reminders import reminders_send

from .conftest import FIGURES, give_figures, make_application, make_draft


def test_productivity_and_change_rules():
    assert rules.value_added(revenue=8_000, value_added=None, material_costs=6_200) == 1_800
    assert rules.value_added(revenue=8_000, value_added=2_500, material_costs=6_200) == 2_500
    assert rules.labour_productivity(value_added=1_800, employees=30) == Decimal(60)
    assert rules.change_percent(Decimal(60), Decimal("67.5")) == Decimal("12.50")
    assert rules.change_percent(Decimal(90), Decimal(60)) == Decimal("-33.33")
    assert rules.change_percent(Decimal(0), Decimal(60)) is None  # no baseline productivity
    assert rules.change_percent(Decimal(-5), Decimal(60)) is None
    assert rules.median([Decimal(25), Decimal("12.5"), Decimal(-10)]) == Decimal("12.50")
    assert rules.median([Decimal(1), Decimal(2)]) == Decimal("1.50")
    assert rules.far_from_history(1_000, [90, 100, 110]) is None  # exactly ten times: not far
    assert rules.far_from_history(1_001, [90, 100, 110]) == 100
    assert rules.far_from_history(9, [90, 100, 110]) == 100
    assert rules.far_from_history(5_000, []) is None


@pytest.mark.parametrize(
    ("figures", "field", "message"),
    [
        ({"employees": -3}, "employees", "Số lao động không được là số âm."),
        ({"employees": 0}, "employees", "Nhập ít nhất một lao động"),
        (
            {"revenue": 2_000, "value_added": 3_000},
            "value_added",
            "Giá trị gia tăng (3.000 triệu đồng) không được lớn hơn doanh thu (2.000 triệu đồng).",
        ),
        ({"value_added": None}, "value_added", "Nhập giá trị gia tăng, hoặc chi phí vật tư"),
        ({"value_added": None, "material_costs": 13_000}, "material_costs", "Chi phí vật tư (13.000 triệu đồng)"),
        ({"defect_rate": Decimal("120")}, "defect_rate", "từ 0 đến 100"),
        ({"certificate_number": "QMS-1"}, "certificate_number", "Nhập đủ tiêu chuẩn, số và ngày cấp"),
    ],
)
def test_invalid_figures_are_refused_with_a_clear_message_and_nothing_saved(world, figures, field, message):
    app = make_draft(world)
    before = OutcomeReport.objects.get(application=app, stage=OutcomeStage.BASELINE)
    values = {"year": 2024, **FIGURES, **figures}
    with pytest.raises(ValidationError) as refused:
        outcome_report_save(application=app, stage=OutcomeStage.BASELINE, actor=world.rep, **values)
    assert any(message in text for text in refused.value.message_dict[field])
    after = OutcomeReport.objects.get(application=app, stage=OutcomeStage.BASELINE)
    assert (after.revenue, after.value_added, after.employees) == (before.revenue, before.value_added, before.employees)


def test_a_figure_far_outside_the_history_needs_a_confirmation(world):
    app = make_draft(world)  # baseline: 12 000 revenue, 3 000 value added, 50 people
    # The enterprise's profile is its history here (the report being corrected is not): 12 bn VND.
    world.enterprise.revenue = 12_000_000_000
    world.enterprise.save()
    with pytest.raises(rules.UnusualFigures, match="cao hơn hoặc thấp hơn quá 10 lần"):
        # 12 000 000 typed in VND thousands by mistake: a thousand times the baseline.
        outcome_report_save(
            application=app,
            stage=OutcomeStage.BASELINE,
            actor=world.rep,
            **{"year": 2024, **FIGURES, "revenue": 12_000_000},
        )
    assert OutcomeReport.objects.get(application=app).revenue == 12_000  # nothing changed
    # 40 people against a profile of 600.
    world.enterprise.employees = 600
    world.enterprise.save()
    with pytest.raises(rules.UnusualFigures, match=r"Số lao động \(40\) cao hơn hoặc thấp hơn quá 10 lần") as unusual:
        outcome_report_save(
            application=app, stage=OutcomeStage.BASELINE, actor=world.rep, **{"year": 2024, **FIGURES, "employees": 40}
        )
    assert set(unusual.value.message_dict) == {"employees"}
    report = outcome_report_save(
        application=app,
        stage=OutcomeStage.BASELINE,
        actor=world.rep,
        confirm_unusual=True,
        **{"year": 2024, **FIGURES, "employees": 40},
    )
    assert (report.employees, report.unusual_confirmed) == (40, True)


def test_the_form_keeps_what_was_typed_and_asks_for_confirmation(world, client_for):
    app = make_draft(world)
    world.enterprise.revenue, world.enterprise.employees = 12_000_000_000, 50
    world.enterprise.save()
    url = reverse("applications:outcome", args=[app.pk, OutcomeStage.BASELINE])
    client = client_for(world.rep)
    typed = {"year": "2024", "revenue": "12000", "value_added": "3000", "employees": "-4", "energy_kwh": "81234"}
    response = client.post(url, typed)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Số lao động không được là số âm." in page
    assert 'value="81234"' in page
    assert 'value="-4"' in page
    unusual = {**typed, "employees": "50", "revenue": "9000000", "value_added": "3000"}
    response = client.post(url, unusual)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'name="confirm_unusual"' in page
    assert 'value="9000000"' in page
    response = client.post(url, {**unusual, "asked": "1", "confirm_unusual": "on"})
    assert response["Location"] == reverse("applications:task_list", args=[app.pk])
    report = OutcomeReport.objects.get(application=app)
    assert (report.revenue, report.unusual_confirmed, report.source) == (9_000_000, True, FigureSource.ENTERPRISE)
    # Audited: the first baseline and the confirmed correction; the refusals left no trace.
    assert AuditEvent.objects.filter(action="application.outcome_saved", object_id=str(app.pk)).count() == 2


def test_who_may_give_which_figures(world, client_for):
    app = make_application(world, Status.SUBMITTED)
    # After submission the enterprise no longer changes its baseline; staff may, from documents.
    with pytest.raises(PermissionDenied, match=r"Bạn không được thực hiện thao tác này với hồ sơ\."):
        give_figures(app, world.rep, OutcomeStage.BASELINE, revenue=13_000)
    with pytest.raises(PermissionDenied, match=r"Bạn không được thực hiện thao tác này với hồ sơ\."):
        give_figures(app, world.staff, OutcomeStage.COMPLETION)  # not supported yet
    report = outcome_report_save(
        application=app,
        stage=OutcomeStage.BASELINE,
        actor=world.staff,
        source_document="Báo cáo tài chính 2024",
        **{"year": 2024, **FIGURES, "revenue": 13_000},
    )
    assert (report.source, report.source_document, report.revenue) == (
        FigureSource.DOCUMENTS,
        "Báo cáo tài chính 2024",
        13_000,
    )
    for role in ("finance", "leader"):
        user = getattr(world, role)
        assert client_for(user).get(reverse("applications:outcome", args=[app.pk, "baseline"])).status_code == 403
    other = make_application(world, Status.IN_PROGRESS)
    assert client_for(world.rep).get(reverse("applications:outcome", args=[other.pk, "nonsense"])).status_code == 404


def test_completion_needs_the_figures_and_the_home_page_lists_them(world, client_for):
    from programs.applications import services

    from .factories import pdf_upload

    app = make_application(world, Status.IN_PROGRESS)
    services.application_add_document(application=app, actor=world.rep, uploaded=pdf_upload(), kind="completion")
    with pytest.raises(ValidationError, match="Nhập số liệu của doanh nghiệp khi hoàn thành."):
        services.application_submit_completion(application=app, actor=world.rep, report="Đã hoàn thành.")
    app.refresh_from_db()
    assert app.status == Status.IN_PROGRESS
    home = client_for(world.rep).get(reverse("accounts:home")).content.decode()
    assert reverse("applications:outcome", args=[app.pk, "completion"]) in home
    give_figures(app, world.rep, OutcomeStage.COMPLETION, value_added=3_300)
    services.application_submit_completion(application=app, actor=world.rep, report="Đã hoàn thành.")
    home = client_for(world.rep).get(reverse("accounts:home")).content.decode()
    assert reverse("applications:outcome", args=[app.pk, "completion"]) not in home
    detail = client_for(world.staff).get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "60,00" in detail  # 3 000 / 50 before
    assert "66,00" in detail  # 3 300 / 50 after
    assert "10,00 %" in detail  # the change


def test_figures_reminders_go_once_per_application_and_due_date(world, django_capture_on_commit_callbacks):
    app = make_application(world, Status.ACCEPTED)
    app.accepted_on = datetime.date(2025, 6, 10)
    app.ends_on = datetime.date(2025, 5, 1)
    app.save()
    mail.outbox.clear()
    with freeze_time("2026-06-09 01:00:00"), django_capture_on_commit_callbacks(execute=True):
        assert reminders_send()["outcome_follow_up"] == 0  # due tomorrow
    with freeze_time("2026-06-10 01:00:00"), django_capture_on_commit_callbacks(execute=True):
        assert reminders_send()["outcome_follow_up"] == 1
        assert reminders_send()["outcome_follow_up"] == 0
    with freeze_time("2026-06-11 01:00:00"), django_capture_on_commit_callbacks(execute=True):
        assert reminders_send()["outcome_follow_up"] == 0
    sent = [m for m in mail.outbox if world.rep.email in m.to]
    assert len(sent) == 1
    assert app.reference_code in sent[0].subject
    assert f"/applications/{app.pk}/figures/follow_up/" in sent[0].body
    assert list(Reminder.objects.values_list("kind", "due_on")) == [("outcome_follow_up", datetime.date(2026, 6, 10))]
