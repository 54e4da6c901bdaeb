"""“New plan from this one”: the structure is copied into a draft for the next span, each
indicator's baseline is the last plan's final actual (hand-computed here), shown and editable; a
plan may follow a plan of another agency (the merged province), whose enterprises carry over."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.models import AuditEvent
from enterprises.models import AdministrativeUnit, Enterprise, UnitMapping
from programs.applications.models import PolicyVersion, SupportScheme
from programs.models import AgencyArea, Indicator, IndicatorKind, Objective, Plan, PlanStatus, Task, TaskGroup
from programs.selectors import plan_kpis
from programs.selectors.succession import successor_baselines
from programs.services import plan_create_successor
from tests.applications.factories import PolicyFactory, RequiredDocumentFactory, SchemeFactory

from . import kpi_data
from .factories import AgencyFactory, IndicatorFactory, ObjectiveFactory, PlanFactory, TaskFactory, TaskGroupFactory

pytestmark = pytest.mark.django_db
D = Decimal

# The final actuals of kpi_data's plan 2021-2025, by hand:
#   A1 expert person-times, cumulative: 3 + 5 + 4 + 0 + 6 = 18
#   B1 manager person-times, cumulative: 2 + 3 + 1 = 6
#   C1 supported enterprises, annual growth: the count of the last year, 2025 = 33
#   C2 model enterprises, at least: 3 distinct (designated 2022, 2024, 2025)
#   D1 approved partner figures, cumulative: 1 (the 2024 figure of 5 is not approved)
#   D2 no registered measure: no actual, its own (empty) baseline is kept
FINAL = {"A1": D(18), "B1": D(6), "C1": D(33), "C2": D(3), "D1": D(1), "D2": None}


@pytest.fixture
def last_plan(measure_registry):
    kpi_data.register_test_measures(measure_registry)
    plan, ind = kpi_data.build(scale=1)
    plan.status = PlanStatus.CLOSED
    plan.save()
    group = TaskGroupFactory(plan=plan, number=4, title="Hỗ trợ doanh nghiệp")
    task = TaskFactory(group=group, code="a", title="Hỗ trợ áp dụng hệ thống quản lý")
    scheme = SchemeFactory(plan=plan, task=task, title="Hỗ trợ áp dụng ISO 9001", opens_on=datetime.date(2021, 1, 1))
    PolicyFactory(scheme=scheme, effective_from=datetime.date(2021, 1, 1), rate_percent=D(50), cap_amount=100_000_000)
    latest = PolicyFactory(
        scheme=scheme, effective_from=datetime.date(2024, 1, 1), rate_percent=D(40), cap_amount=120_000_000
    )
    RequiredDocumentFactory(policy_version=latest, name="Đơn đề nghị hỗ trợ")
    RequiredDocumentFactory(policy_version=latest, name="Báo giá tư vấn", is_mandatory=False, order=1)
    return plan


def test_the_baselines_are_the_final_actuals_of_the_kpi_engine(last_plan):
    proposed = {b.indicator.code: b for b in successor_baselines(last_plan)}
    assert {code: b.value for code, b in proposed.items()} == FINAL
    assert {code: b.year for code, b in proposed.items()} == {**dict.fromkeys(FINAL, 2025), "D2": None}
    # The same figures as the engine's: the period actual, and for growth the last year's count.
    engine = {r.code: r for r in plan_kpis(plan=last_plan)}
    assert engine["A1"].period_actual == D(18)
    assert engine["C1"].yearly_actual[2025] == D(33)


def test_new_plan_from_this_one_copies_the_structure_with_the_baselines(last_plan, users):
    new = plan_create_successor(
        plan=last_plan, agency=last_plan.agency, title="Kế hoạch thử nghiệm 2026-2030", actor=users["staff"]
    )
    assert (new.status, new.start_year, new.end_year, new.predecessor) == (PlanStatus.DRAFT, 2026, 2030, last_plan)
    assert list(Objective.objects.filter(plan=new).values_list("code", flat=True)) == ["a", "b", "c", "d"]
    copied = {i.code: i for i in Indicator.objects.filter(objective__plan=new)}
    assert {c: i.baseline_value for c, i in copied.items()} == FINAL
    assert {c: i.baseline_year for c, i in copied.items()} == {**dict.fromkeys(FINAL, 2025), "D2": None}
    assert (copied["C1"].kind, copied["C1"].target_min, copied["C1"].target_max) == (
        IndicatorKind.ANNUAL_GROWTH,
        D(10),
        D(15),
    )
    assert copied["A1"].measure == "test.person_times"
    assert copied["A1"].measure_arg == "expert"
    # The growth of the new plan's first year is measured from the copied baseline (33 in 2025).
    assert [g.number for g in TaskGroup.objects.filter(plan=new)] == [4]
    new_task = Task.objects.get(group__plan=new)
    assert new_task.title == "Hỗ trợ áp dụng hệ thống quản lý"
    scheme = SupportScheme.objects.get(plan=new)
    assert (scheme.title, scheme.task, scheme.opens_on) == (
        "Hỗ trợ áp dụng ISO 9001",
        new_task,
        datetime.date(2026, 1, 1),
    )
    (policy,) = PolicyVersion.objects.filter(scheme=scheme)
    assert (policy.effective_from, policy.rate_percent, policy.cap_amount) == (
        datetime.date(2026, 1, 1),
        D(40),
        120_000_000,
    )
    assert list(policy.required_documents.values_list("name", "is_mandatory")) == [
        ("Đơn đề nghị hỗ trợ", True),
        ("Báo giá tư vấn", False),
    ]
    event = AuditEvent.objects.get(action="programs.plan.succeed")
    assert event.data == {
        "predecessor": last_plan.pk,
        "baselines": {"A1": "18", "B1": "6", "C1": "33", "C2": "3", "D1": "1", "D2": None},
    }
    # The last plan is untouched.
    assert Indicator.objects.get(objective__plan=last_plan, code="C1").baseline_value == D(20)


def test_the_baselines_are_shown_and_can_be_changed_before_the_draft_is_made(last_plan, users, client_for):
    staff = client_for(users["staff"])
    url = reverse("programs:plan_successor", args=[last_plan.pk])
    page = staff.get(url).content.decode()
    b1 = Indicator.objects.get(objective__plan=last_plan, code="B1")
    assert f'name="baseline_{b1.pk}" id="id_baseline_{b1.pk}" value="6"' in page
    assert 'tr data-indicator="D2"' in page
    assert "chưa có kết quả: giữ giá trị cơ sở hiện có" in page
    data = {
        "agency": last_plan.agency_id,
        "title": "Kế hoạch 2026-2030",
        "issuing_body": "UBND tỉnh",
        "province_name": "Quảng Nam",
        "start_year": 2026,
        "end_year": 2030,
        **{
            f"baseline_{i.pk}": "" if FINAL[i.code] is None else str(FINAL[i.code])
            for i in Indicator.objects.filter(objective__plan=last_plan)
        },
        f"baseline_{b1.pk}": "7.5",
    }
    response = staff.post(url, data)
    new = Plan.objects.get(predecessor=last_plan)
    assert response.status_code == 302
    assert response["Location"] == reverse("programs:plan_detail", args=[new.pk])
    copied = {i.code: (i.baseline_value, i.baseline_year) for i in Indicator.objects.filter(objective__plan=new)}
    assert copied["B1"] == (D("7.5"), 2025)
    assert copied["A1"] == (D(18), 2025)
    # A negative baseline is refused on the form and nothing is made.
    response = staff.post(url, {**data, f"baseline_{b1.pk}": "-1", "title": "Lần hai"})
    assert response.status_code == 400
    assert not Plan.objects.filter(title="Lần hai").exists()


def test_only_staff_of_an_agency_working_on_the_plan_start_the_next_one(last_plan, make_user):
    outsider = make_user("staff", agency=AgencyFactory(code="other-agency"))
    with pytest.raises(PermissionDenied, match=r"Hồ sơ này thuộc cơ quan khác\."):
        plan_create_successor(plan=last_plan, agency=outsider.agencies.get(), title="X", actor=outsider)
    assert Plan.objects.count() == 1


@pytest.fixture
def merged_province():
    """Quảng Nam's agency (area 49 until 30/06/2025) and Đà Nẵng's that took it over (48 from
    01/07/2025), with one old commune mapped into a new one."""
    qn_province = AdministrativeUnit.objects.create(
        code="49", name="Tỉnh Quảng Nam", level="province", kind="tỉnh", valid_to=datetime.date(2025, 6, 30)
    )
    district = AdministrativeUnit.objects.create(
        code="502",
        name="Thành phố Tam Kỳ",
        level="district",
        kind="tp",
        parent=qn_province,
        valid_to=datetime.date(2025, 6, 30),
    )
    old_commune = AdministrativeUnit.objects.create(
        code="20281",
        name="Phường An Mỹ",
        level="commune",
        kind="phường",
        parent=district,
        valid_to=datetime.date(2025, 6, 30),
    )
    city = AdministrativeUnit.objects.create(
        code="48", name="Thành phố Đà Nẵng", level="province", kind="tp", valid_from=datetime.date(2025, 7, 1)
    )
    new_commune = AdministrativeUnit.objects.create(
        code="20305",
        name="Phường Tam Kỳ",
        level="commune",
        kind="phường",
        parent=city,
        valid_from=datetime.date(2025, 7, 1),
    )
    UnitMapping.objects.create(old_unit=old_commune, new_unit=new_commune, effective_on=datetime.date(2025, 7, 1))
    qn = AgencyFactory(code="qn", valid_to=datetime.date(2025, 6, 30))
    dn = AgencyFactory(code="dn", predecessor=qn, valid_from=datetime.date(2025, 7, 1), place_name="Đà Nẵng")
    AgencyArea.objects.create(agency=qn, unit=qn_province, valid_to=datetime.date(2025, 6, 30))
    AgencyArea.objects.create(agency=dn, unit=city, valid_from=datetime.date(2025, 7, 1))
    other = AdministrativeUnit.objects.create(code="51", name="Tỉnh Quảng Ngãi", level="province", kind="tỉnh")
    return {"qn": qn, "dn": dn, "old": old_commune, "new": new_commune, "other": other}


def _model(tax_code, unit, year):
    return Enterprise.objects.create(
        tax_code=tax_code, name=f"DN {tax_code}", unit=unit, is_model=True, model_since=datetime.date(year, 5, 1)
    )


def test_a_plan_of_the_merged_city_follows_the_provinces_and_its_enterprises_carry_over(merged_province, make_user):
    m = merged_province
    qn_plan = PlanFactory(agency=m["qn"], status=PlanStatus.CLOSED, start_year=2021, end_year=2025)
    IndicatorFactory(
        objective=ObjectiveFactory(plan=qn_plan, code="c"),
        code="c.2",
        kind=IndicatorKind.AT_LEAST,
        measure="enterprises.model_enterprises",
        target_min=D(1),
    )
    _model("4000000011", m["old"], 2023)  # Quảng Nam's model enterprise of 2023
    _model("4000000022", m["old"], 2027)  # recorded in Quảng Nam, model of the city in 2027
    _model("4000000033", m["new"], 2028)  # recorded in the city
    _model("4000000044", m["other"], 2027)  # another province: never counted
    city_staff = make_user("staff", agency=m["dn"])
    dn_plan = plan_create_successor(plan=qn_plan, agency=m["dn"], title="Kế hoạch NSCL Đà Nẵng", actor=city_staff)
    assert (dn_plan.agency, dn_plan.province_name, dn_plan.start_year, dn_plan.end_year) == (
        m["dn"],
        "Đà Nẵng",
        2026,
        2030,
    )
    (indicator,) = Indicator.objects.filter(objective__plan=dn_plan)
    assert (indicator.baseline_value, indicator.baseline_year) == (D(1), 2025)  # the province's one model enterprise
    (result,) = plan_kpis(plan=dn_plan)
    assert result.yearly_actual == {2026: D(0), 2027: D(1), 2028: D(1), 2029: D(0), 2030: D(0)}
    assert result.period_actual == D(2)
    # The province's plan still counts only what lay in the province then.
    (old,) = plan_kpis(plan=qn_plan)
    assert old.period_actual == D(1)
    # Quảng Nam's plan is worked on by the city's staff; an unrelated agency's staff may not use it.
    outsider = make_user("staff", agency=AgencyFactory(code="qng"))
    with pytest.raises(PermissionDenied, match=r"Hồ sơ này thuộc cơ quan khác\."):
        plan_create_successor(plan=qn_plan, agency=outsider.agencies.get(), title="X", actor=outsider)
