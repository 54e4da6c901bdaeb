"""Staff write news; partners report through the pages; staff decide on the report page."""

import pytest
from django.urls import reverse

from core.models import AuditEvent
from programs.models import NewsPost, PartnerReport, PartnerReportStatus

from .factories import PartnerOrganisationFactory, PlanFactory

pytestmark = pytest.mark.django_db


def test_staff_publish_news_and_the_public_reads_it(users, client_for, client):
    staff = client_for(users["staff"])
    response = staff.post(
        reverse("programs:news_create"),
        {
            "title": "Hội thảo năng suất xanh",
            "slug": "hoi-thao-nang-suat-xanh",
            "summary": "Tóm tắt",
            "body": "Nội dung hội thảo.",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    post = NewsPost.objects.get()
    assert (post.author, post.published_at is not None) == (users["staff"], True)
    assert "Hội thảo năng suất xanh" in client.get(reverse("programs:news_list")).content.decode()
    assert client.get(reverse("programs:news_detail", args=[post.slug])).status_code == 200
    assert client_for(users["partner"]).get(reverse("programs:news_create")).status_code == 403
    assert AuditEvent.objects.filter(action="programs.news.create").count() == 1


def test_partner_reports_through_the_pages(users, client_for):
    plan = PlanFactory()
    org = PartnerOrganisationFactory()
    org.users.add(users["partner"])
    partner = client_for(users["partner"])
    response = partner.post(
        reverse("programs:partner_report_create"),
        {
            "organisation": org.pk,
            "plan": plan.pk,
            "year": 2024,
            "summary": "Báo cáo năm 2024",
        },
    )
    assert response.status_code == 302
    report = PartnerReport.objects.get()
    detail = reverse("programs:partner_report_detail", args=[report.pk])
    response = partner.post(
        reverse("programs:partner_activity_add", args=[report.pk]),
        {
            "kind": "communication",
            "title": "Phổ biến kế hoạch",
            "date": "2024-04-02",
            "cost": 5000000,
        },
    )
    assert response.status_code == 302
    assert report.activities.count() == 1
    partner.post(reverse("programs:partner_report_submit", args=[report.pk]))
    staff = client_for(users["staff"])
    # A partner cannot approve its own report.
    assert partner.post(reverse("programs:partner_report_decide", args=[report.pk, "approve"])).status_code == 403
    staff.post(reverse("programs:partner_report_decide", args=[report.pk, "approve"]))
    report.refresh_from_db()
    assert report.status == PartnerReportStatus.APPROVED
    # Unlock without a reason is refused, with a reason it works.
    staff.post(reverse("programs:partner_report_decide", args=[report.pk, "unlock"]), {"reason": ""})
    report.refresh_from_db()
    assert report.status == PartnerReportStatus.APPROVED
    staff.post(reverse("programs:partner_report_decide", args=[report.pk, "unlock"]), {"reason": "Bổ sung số liệu"})
    report.refresh_from_db()
    assert (report.status, report.return_reason) == (PartnerReportStatus.RETURNED, "Bổ sung số liệu")
    assert "Bổ sung số liệu" in partner.get(detail).content.decode()
