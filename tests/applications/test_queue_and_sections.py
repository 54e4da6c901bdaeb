"""The staff work queue's filters, and what the application app adds to the enterprise page."""

import datetime

from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from enterprises.models import AdministrativeUnit, Enterprise, Sector, UnitLevel
from enterprises.sections import filter_supported
from programs.applications.models import Status
from programs.applications.sections import enterprise_applications_section

from .factories import ApplicationFactory, EnterpriseFactory, RepresentativeFactory


def _codes(response):
    return sorted(a.reference_code for a in response.context["page"].object_list)


def test_work_queue_filters(world, client_for, make_user):
    province = AdministrativeUnit.objects.create(code="T49", name="Tỉnh Thử", level=UnitLevel.PROVINCE, kind="Tỉnh")
    district = AdministrativeUnit.objects.create(
        code="T502", name="Huyện Thử", level=UnitLevel.DISTRICT, kind="Huyện", parent=province
    )
    commune = AdministrativeUnit.objects.create(
        code="T20000", name="Xã Thử", level=UnitLevel.COMMUNE, kind="Xã", parent=district
    )
    section = Sector.objects.create(code="C", level=1, name="Công nghiệp chế biến, chế tạo", size_group="industry")
    division = Sector.objects.create(
        code="10", level=2, parent=section, name="Sản xuất chế biến thực phẩm", size_group="industry"
    )
    food = EnterpriseFactory(unit=commune, sector=division)
    other_reviewer = make_user("staff")
    a = ApplicationFactory(
        scheme=world.scheme, enterprise=food, status=Status.UNDER_REVIEW, reviewer=world.staff, reference_code="Q-A"
    )
    b = ApplicationFactory(scheme=world.scheme, status=Status.SUBMITTED, reviewer=other_reviewer, reference_code="Q-B")
    ApplicationFactory(scheme=world.scheme, status=Status.DRAFT, reference_code=None)  # never in the queue
    ApplicationFactory(scheme=world.scheme, status=Status.WITHDRAWN, reference_code="Q-W")  # closed
    ApplicationFactory(scheme=world.scheme, status=Status.DISBURSED, reference_code="Q-D")  # closed
    type(a).objects.filter(pk=b.pk).update(status_changed_at=timezone.now() - datetime.timedelta(days=20))
    c = client_for(world.staff)
    url = reverse("applications:queue")
    assert _codes(c.get(url)) == ["Q-A", "Q-B"]  # open applications by default
    assert _codes(c.get(url, {"status": "all"})) == ["Q-A", "Q-B", "Q-D", "Q-W"]
    assert _codes(c.get(url, {"status": Status.WITHDRAWN})) == ["Q-W"]
    assert _codes(c.get(url, {"status": Status.SUBMITTED})) == ["Q-B"]
    assert _codes(c.get(url, {"unit": district.pk})) == ["Q-A"]
    assert _codes(c.get(url, {"unit": province.pk})) == ["Q-A"]
    assert _codes(c.get(url, {"sector": section.pk})) == ["Q-A"]
    assert _codes(c.get(url, {"reviewer": other_reviewer.pk})) == ["Q-B"]
    assert _codes(c.get(url, {"waiting": 10})) == ["Q-B"]
    assert _codes(c.get(url, {"scheme": world.scheme.pk, "status": Status.UNDER_REVIEW})) == ["Q-A"]


def test_enterprise_page_section_and_support_flag(world):
    supported = ApplicationFactory(scheme=world.scheme, enterprise=world.enterprise, status=Status.APPROVED)
    other = EnterpriseFactory()
    ApplicationFactory(scheme=world.scheme, enterprise=other, status=Status.REJECTED)
    request = RequestFactory().get("/")
    request.user = world.staff
    assert enterprise_applications_section(request, world.enterprise)["applications"] == [supported]
    request.user = RepresentativeFactory().user  # another enterprise's representative
    assert enterprise_applications_section(request, world.enterprise) is None
    assert list(filter_supported(Enterprise.objects.all(), True)) == [world.enterprise]
    assert other in filter_supported(Enterprise.objects.all(), False)


def test_home_page_sections(world, client_for):
    ApplicationFactory(
        scheme=world.scheme,
        enterprise=world.enterprise,
        applicant=world.rep,
        status=Status.RECOMMENDED,
        reference_code="H-1",
    )
    page = client_for(world.rep).get(reverse("accounts:home")).content.decode()
    assert "H-1" in page
    assert "Hồ sơ đề nghị hỗ trợ của bạn" in page
    assert "1 hồ sơ chờ duyệt kinh phí" in client_for(world.finance).get(reverse("accounts:home")).content.decode()
    assert "0 hồ sơ chờ quyết định hỗ trợ" in client_for(world.leader).get(reverse("accounts:home")).content.decode()
    assert "0 hồ sơ cần thẩm định" in client_for(world.staff).get(reverse("accounts:home")).content.decode()
