"""Intake that can always be processed: a scheme takes applications only while its window is open
and its plan is in force (the start page says why and when otherwise); staff propose estimates
for any year of a plan in force; the budget queue links an application without an approved
estimate to the proposal."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core import clock
from core.models import AuditEvent
from programs.applications import services
from programs.applications.models import Status, SupportApplication
from programs.models import AgencyArea, BudgetEstimate, EstimateStatus, PlanStatus
from programs.services import estimate_propose
from tests.agency_world import province
from tests.programs.factories import AgencyFactory

from .conftest import make_draft
from .factories import ApplicationFactory, PlanFactory, PolicyFactory, SchemeFactory

pytestmark = pytest.mark.django_db
CLOSED = "Kế hoạch “{plan}” đã kết thúc: các chương trình hỗ trợ của kế hoạch không còn nhận hồ sơ."


def _nothing_created():
    return SupportApplication.objects.count(), AuditEvent.objects.filter(action__startswith="application.").count()


def test_a_scheme_of_a_closed_plan_refuses_a_new_application_and_creates_nothing(world, client_for):
    plan = world.scheme.plan
    plan.status = PlanStatus.CLOSED
    plan.save()
    before = _nothing_created()
    with pytest.raises(ValidationError, match=CLOSED.format(plan=plan)):
        services.application_create_draft(scheme=world.scheme, actor=world.rep)
    assert _nothing_created() == before
    # The same through the start page: the reason, and still nothing.
    client = client_for(world.rep)
    response = client.post(reverse("applications:start"), {"scheme": world.scheme.pk})
    assert response.status_code == 400
    assert CLOSED.format(plan=plan) in response.content.decode()
    assert _nothing_created() == before
    page = client.get(reverse("applications:start") + f"?scheme={world.scheme.pk}").content.decode()
    assert CLOSED.format(plan=plan) in page
    assert "Hiện chưa có chương trình hỗ trợ nào đang nhận hồ sơ." in page


def test_a_draft_of_a_plan_closed_since_cannot_be_submitted(world):
    draft = make_draft(world)
    plan = world.scheme.plan
    plan.status = PlanStatus.CLOSED
    plan.save()
    with pytest.raises(ValidationError, match=CLOSED.format(plan=plan)):
        services.application_submit(application=draft, actor=world.rep)
    draft.refresh_from_db()
    assert (draft.status, draft.reference_code) == (Status.DRAFT, None)


def test_a_plan_in_force_past_its_years_takes_no_application_for_this_year(world):
    plan = world.scheme.plan
    year = clock.today().year
    plan.start_year, plan.end_year = year - 5, year - 1
    plan.save()
    with pytest.raises(ValidationError) as refusal:
        services.application_create_draft(scheme=world.scheme, actor=world.rep)
    assert refusal.value.messages == [
        f"Kế hoạch “{plan}” thực hiện trong giai đoạn {year - 5}-{year - 1}: không nhận hồ sơ cho năm {year}."
    ]
    assert SupportApplication.objects.count() == 0


def test_the_start_page_says_why_a_scheme_is_not_open_and_when_it_opens(world, client_for):
    today = clock.today()
    later = SchemeFactory(plan=world.scheme.plan, title="Hỗ trợ áp dụng Lean", opens_on=today + datetime.timedelta(30))
    approved = PlanFactory(status=PlanStatus.APPROVED, title="Kế hoạch đã phê duyệt")
    coming = SchemeFactory(plan=approved, title="Hỗ trợ áp dụng 5S", opens_on=today + datetime.timedelta(60))
    SchemeFactory(plan=PlanFactory(status=PlanStatus.DRAFT), title="Chương trình nháp")
    page = client_for(world.rep).get(reverse("applications:start")).content.decode()
    assert f'value="{world.scheme.pk}"' in page  # the open one is offered
    assert f'value="{later.pk}"' not in page
    assert f"Chương trình nhận hồ sơ từ ngày {later.opens_on:%d/%m/%Y}." in page
    assert (
        f"Kế hoạch “{approved}” chưa được đưa vào thực hiện; dự kiến chương trình nhận hồ sơ từ ngày "
        f"{coming.opens_on:%d/%m/%Y}."
    ) in page
    assert "Chương trình nháp" not in page


def test_schemes_are_offered_by_the_agencies_serving_the_enterprise(world, client_for):
    home, elsewhere = province("Tỉnh của doanh nghiệp"), province("Tỉnh khác")
    world.enterprise.unit = home
    world.enterprise.save()
    AgencyArea.objects.create(agency=world.scheme.plan.agency, unit=home)
    other = AgencyFactory(code="other-agency", name="Sở KH&CN tỉnh khác")
    AgencyArea.objects.create(agency=other, unit=elsewhere)
    foreign = SchemeFactory(plan=PlanFactory(agency=other), title="Chương trình của tỉnh khác")
    PolicyFactory(scheme=foreign)
    page = client_for(world.rep).get(reverse("applications:start")).content.decode()
    assert f'value="{world.scheme.pk}"' in page
    assert "Chương trình của tỉnh khác" not in page
    with pytest.raises(
        ValidationError, match="Chương trình này dành cho doanh nghiệp trên địa bàn của Sở KH&CN tỉnh khác"
    ):
        services.application_create_draft(scheme=foreign, actor=world.rep)
    assert SupportApplication.objects.count() == 0


def test_staff_propose_an_estimate_for_any_year_of_a_plan_in_force_and_not_for_a_closed_plan(world):
    plan = world.scheme.plan  # 2021-2030, in force
    for year in (plan.start_year, 2027, plan.end_year):
        estimate = estimate_propose(plan=plan, year=year, source=world.estimate.source, amount=1, actor=world.staff)
        assert (estimate.year, estimate.status) == (year, EstimateStatus.PROPOSED)
    with pytest.raises(ValidationError, match=r"Năm phải nằm trong thời gian của kế hoạch \(2021-2030\)"):
        estimate_propose(plan=plan, year=2031, source=world.estimate.source, amount=1, actor=world.staff)
    closed = PlanFactory(status=PlanStatus.CLOSED)
    with pytest.raises(ValidationError, match="Chỉ lập dự toán cho kế hoạch đang thực hiện"):
        estimate_propose(plan=closed, year=2024, source=world.estimate.source, amount=1, actor=world.staff)
    assert BudgetEstimate.objects.filter(plan=closed).count() == 0


def test_the_budget_queue_links_an_application_without_an_approved_estimate_to_the_proposal(world, client_for):
    year = clock.today().year
    ready = ApplicationFactory(scheme=world.scheme, status=Status.RECOMMENDED, year=year, reference_code="Q-1")
    BudgetEstimate.objects.filter(pk=world.estimate.pk).update(status=EstimateStatus.APPRAISED)
    other_source = SchemeFactory(plan=world.scheme.plan)
    waiting = ApplicationFactory(scheme=other_source, status=Status.RECOMMENDED, year=year, reference_code="Q-2")
    finance = client_for(world.finance)
    page = finance.get(reverse("applications:budget_queue")).content.decode()
    appraised = f"{reverse('programs:estimate_detail', args=[world.estimate.pk])}"
    assert "Dự toán đang ở trạng thái “Đã thẩm định”, chưa được phê duyệt." in page
    assert f'href="{appraised}"' in page
    propose = (
        f"{reverse('programs:estimate_propose')}?plan={world.scheme.plan_id}&amp;year={year}"
        f"&amp;source={other_source.funding_source_id}"
    )
    assert f"Chưa có dự toán năm {year}." in page
    assert f'href="{propose}"' in page
    # The link opens the proposal prefilled; finance proposes, and the queue follows.
    form = finance.get(propose.replace("&amp;", "&")).content.decode()
    assert f'<option value="{world.scheme.plan_id}" selected>' in form
    assert f'name="year" value="{year}"' in form
    response = finance.post(
        reverse("programs:estimate_propose"),
        {"plan": world.scheme.plan_id, "year": year, "source": other_source.funding_source_id, "amount": 500_000_000},
    )
    assert response.status_code == 302
    estimate = BudgetEstimate.objects.get(plan=world.scheme.plan, year=year, source=other_source.funding_source)
    assert (estimate.status, estimate.proposed_amount) == (EstimateStatus.PROPOSED, 500_000_000)
    assert ready.reference_code in page
    assert waiting.reference_code in page
