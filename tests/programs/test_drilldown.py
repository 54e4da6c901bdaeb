"""Drill-down of counts by administrative unit valid in the period and by VSIC section."""

import datetime

import pytest

from enterprises.models import AdministrativeUnit, Enterprise, Sector
from programs.drilldown import drilldown_counts, get_drilldown
from programs.models import AgencyArea
from programs.periods import calendar_year, data_year, plan_span

from .factories import PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    province = AdministrativeUnit.objects.create(code="49", name="Tỉnh Quảng Nam", level="province", kind="tỉnh")
    que_son = AdministrativeUnit.objects.create(
        code="509", name="Huyện Quế Sơn", level="district", kind="huyện", parent=province
    )
    nong_son = AdministrativeUnit.objects.create(
        code="519",
        name="Huyện Nông Sơn",
        level="district",
        kind="huyện",
        parent=province,
        valid_to=datetime.date(2024, 12, 31),
    )
    commune = AdministrativeUnit.objects.create(
        code="20695", name="Xã Quế Xuân 1", level="commune", kind="xã", parent=que_son
    )
    other_province = AdministrativeUnit.objects.create(
        code="48", name="Thành phố Đà Nẵng", level="province", kind="thành phố"
    )
    section = Sector.objects.create(code="C", level=1, name="Công nghiệp chế biến, chế tạo", size_group="industry")
    division = Sector.objects.create(
        code="10", level=2, parent=section, name="Sản xuất chế biến thực phẩm", size_group="industry"
    )
    plan = PlanFactory()
    AgencyArea.objects.create(agency=plan.agency, unit=province)

    def model(tax, unit, sector, year):
        return Enterprise.objects.create(
            tax_code=tax,
            name=f"DN {tax}",
            unit=unit,
            sector=sector,
            is_model=True,
            model_since=datetime.date(year, 6, 1),
        )

    model("4000000001", commune, division, 2022)
    model("4000000002", que_son, section, 2023)
    model("4000000003", nong_son, None, 2025)
    model("4000000004", other_province, division, 2023)  # outside the plan's province: never counted
    return plan


def test_counts_by_unit_valid_in_the_period_and_by_section(area):
    provider = get_drilldown("enterprises.model_enterprises")
    rows = drilldown_counts(provider, plan=area, within=plan_span(area))[0]
    assert [(r.label, r.count) for r in rows] == [("Huyện Quế Sơn", 2), ("Huyện Nông Sơn", 1)]
    # In calendar year 2025 Nông Sơn no longer exists (merged into Quế Sơn): its count is shown apart.
    rows_2025 = drilldown_counts(provider, plan=area, within=calendar_year(2025))[0]
    assert [(r.label, r.count) for r in rows_2025] == [("", 1)]
    # Data year 2025 starts on 15/12/2024, while Nông Sơn still existed: it is a unit of the period.
    rows_data_2025 = drilldown_counts(provider, plan=area, within=data_year(area, 2025))[0]
    assert [(r.label, r.count) for r in rows_data_2025] == [("Huyện Nông Sơn", 1)]
    sectors = drilldown_counts(provider, plan=area, within=plan_span(area))[1]
    assert [(r.code, r.count) for r in sectors] == [("C", 2), ("", 1)]


def test_dashboard_shows_the_drilldown(area, users, client_for):
    html = client_for(users["leader"]).get(f"/programs/dashboard/?plan={area.pk}").content.decode()
    assert "Huyện Quế Sơn" in html
    assert "C – Công nghiệp chế biến, chế tạo" in html
