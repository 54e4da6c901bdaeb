"""Nothing is hard-wired to Quảng Nam 2021-2025: a second plan (another agency, area and period)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from enterprises.models import AdministrativeUnit, Enterprise
from programs.demo import demo_plan, seed_programs
from programs.models import AgencyArea, IndicatorKind
from programs.selectors import plan_kpis

from .factories import AgencyFactory, IndicatorFactory, PlanFactory

pytestmark = pytest.mark.django_db


def test_a_second_plan_in_another_agency_area_and_period(make_user, client_for):
    seed_programs()
    danang = AdministrativeUnit.objects.create(code="48", name="Thành phố Đà Nẵng", level="province", kind="tp")
    agency = AgencyFactory(code="dn-test", place_name="Đà Nẵng")
    AgencyArea.objects.create(agency=agency, unit=danang, valid_from=datetime.date(2025, 7, 1))
    plan = PlanFactory(
        agency=agency, title="Kế hoạch NSCL Đà Nẵng 2026-2030", province_name="Đà Nẵng", start_year=2026, end_year=2030
    )
    model = IndicatorFactory(
        objective__plan=plan,
        code="M1",
        kind=IndicatorKind.AT_LEAST,
        measure="enterprises.model_enterprises",
        target_min=Decimal(2),
        target_max=Decimal(3),
    )
    Enterprise.objects.create(
        tax_code="0401234567", name="DN Đà Nẵng", unit=danang, is_model=True, model_since=datetime.date(2027, 3, 1)
    )
    Enterprise.objects.create(
        tax_code="4000000100",
        name="DN ngoài thành phố",
        is_model=True,
        model_since=datetime.date(2027, 3, 1),
        unit=AdministrativeUnit.objects.create(code="51", name="Tỉnh Quảng Ngãi", level="province", kind="tỉnh"),
    )
    (result,) = plan_kpis(plan=plan)
    assert result.indicator == model
    assert result.years == [2026, 2027, 2028, 2029, 2030]
    assert result.yearly_actual[2027] == Decimal(1)
    assert (result.period_actual, result.status, result.percent_of_target) == (Decimal(1), "below", Decimal("50.00"))
    # The Quảng Nam plan is untouched: its five indicators and years.
    assert [r.code for r in plan_kpis(plan=demo_plan())] == ["a.1", "b.1", "c.1", "c.2", "d.1"]
    leader = make_user("leader", agency=agency)
    html = client_for(leader).get(reverse("programs:dashboard") + f"?plan={plan.pk}").content.decode()
    assert "Kế hoạch NSCL Đà Nẵng 2026-2030" in html
    assert 'data-year="2030"' in html
    assert 'data-year="2025"' not in html
