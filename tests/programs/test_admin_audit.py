"""The Django admin: every change is audited, locked and financial records cannot be deleted."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse

from core.admin import AuditedAdmin
from core.models import AuditEvent
from programs.models import Activity, IndicatorSource, PartnerReport, PartnerReportStatus
from programs.services import partner_figure_save, partner_report_approve, partner_report_save, partner_report_submit

from .factories import ActivityFactory, IndicatorFactory, PartnerOrganisationFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(users, client_for):
    user = users["admin"]
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    return client_for(user)


def test_every_model_in_the_admin_is_audited():
    assert admin.site._registry
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, AuditedAdmin), model


def test_an_approved_partner_report_cannot_be_deleted_in_the_admin(users, admin_client):
    plan = PlanFactory()
    indicator = IndicatorFactory(objective__plan=plan, source=IndicatorSource.PARTNER, measure="partner.figures")
    org = PartnerOrganisationFactory()
    org.users.add(users["partner"])
    indicator.reported_by.add(org)
    report = partner_report_save(report=PartnerReport(organisation=org, plan=plan, year=2023), actor=users["partner"])
    partner_figure_save(report=report, indicator=indicator, value=Decimal(7), actor=users["partner"])
    partner_report_submit(report=report, actor=users["partner"])
    partner_report_approve(report=report, actor=users["staff"])
    url = reverse("admin:programs_partnerreport_delete", args=[report.pk])
    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:programs_partnerreport_changelist")
    admin_client.post(changelist, {"action": "delete_selected", "_selected_action": [report.pk], "post": "yes"})
    report.refresh_from_db()
    assert report.status == PartnerReportStatus.APPROVED
    assert report.figures.count() == 1
    # The indicator that carries its figure cannot be deleted either.
    assert admin_client.get(reverse("admin:programs_indicator_delete", args=[indicator.pk])).status_code == 403


def test_admin_edits_and_deletions_leave_audit_events(users, admin_client):
    activity = ActivityFactory(title="Hội thảo năng suất", cost=5_000_000)
    url = reverse("admin:programs_activity_delete", args=[activity.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    deleted = AuditEvent.objects.get(action="admin.programs.activity.deleted")
    assert (deleted.actor, deleted.object_id, deleted.object_repr) == (users["admin"], str(activity.pk), str(activity))

    from programs.applications.models import SupportItem

    item = SupportItem.objects.create(code="iso-x", name="ISO thử")
    response = admin_client.post(
        reverse("admin:applications_supportitem_change", args=[item.pk]),
        {"code": "iso-x", "name": "ISO 9001 (sửa)", "order": 3, "is_active": "on", "description": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    changed = AuditEvent.objects.get(action="admin.applications.supportitem.changed")
    assert changed.actor == users["admin"]
    assert changed.object_id == str(item.pk)
    assert set(changed.data["fields"]) >= {"name", "order"}
