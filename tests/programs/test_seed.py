"""The seeded Quảng Nam plan matches the seed text: four objectives, five task groups, the targets."""

from decimal import Decimal

import pytest

from programs.demo import demo_plan, seed_programs
from programs.models import (
    Activity,
    ActivityKind,
    AnnualTarget,
    BudgetEstimate,
    EstimateStatus,
    Indicator,
    Objective,
    Task,
    TaskGroup,
)

pytestmark = pytest.mark.django_db
D = Decimal


def test_seeded_plan_has_the_objectives_task_groups_and_targets_of_the_seed():
    seed_programs()
    plan = demo_plan()
    assert (plan.start_year, plan.end_year, plan.province_name) == (2021, 2025, "Quảng Nam")
    assert list(Objective.objects.filter(plan=plan).values_list("code", flat=True)) == ["a", "b", "c", "d"]
    assert Objective.objects.get(plan=plan, code="a").title.startswith("Đào tạo được khoảng 15 - 20 lượt chuyên gia")
    groups = TaskGroup.objects.filter(plan=plan).order_by("number")
    assert [g.number for g in groups] == [1, 2, 3, 4, 5]
    assert groups[4].title == "Hợp tác quốc tế về năng suất chất lượng"
    tasks = {g.number: list(Task.objects.filter(group=g).values_list("code", flat=True)) for g in groups}
    assert tasks == {1: ["a", "b"], 2: ["a", "b", "c", "d"], 3: ["a", "b", "c"], 4: ["a", "b", "c", "d"], 5: ["a", "b"]}

    ind = {i.code: i for i in Indicator.objects.filter(objective__plan=plan)}
    a, b, c1, c2, d = ind["a.1"], ind["b.1"], ind["c.1"], ind["c.2"], ind["d.1"]
    assert (a.kind, a.target_min, a.target_max, a.measure, a.measure_arg) == (
        "cumulative",
        D(15),
        D(20),
        "training.person_times",
        "expert",
    )
    assert (b.kind, b.target_min, b.target_max, b.measure, b.measure_arg) == (
        "cumulative",
        D(900),
        None,
        "training.person_times",
        "manager",
    )
    assert (c1.kind, c1.target_min, c1.target_max, c1.baseline_year, c1.baseline_value, c1.measure) == (
        "annual_growth",
        D(10),
        D(15),
        2020,
        D(20),
        "applications.supported_enterprises",
    )
    assert (c2.kind, c2.target_min, c2.measure) == ("at_least", D(1), "enterprises.model_enterprises")
    assert (d.kind, d.target_min, d.target_max, d.measure) == (
        "at_least",
        D(1),
        D(2),
        "applications.conformity_organisations",
    )
    assert [ind[k].objective.code for k in ("a.1", "b.1", "c.1", "c.2", "d.1")] == ["a", "b", "c", "c", "d"]
    # Yearly targets of the expert indicator add up to the plan's 15-20.
    yearly = AnnualTarget.objects.filter(indicator=a).order_by("annual_plan__year")
    assert [t.annual_plan.year for t in yearly] == [2021, 2022, 2023, 2024, 2025]
    assert sum(t.target_min for t in yearly) == 15
    assert sum(t.target_max for t in yearly) == 20


def test_seed_budget_activities_and_idempotence():
    seed_programs()
    plan = demo_plan()
    for code in ("resolution-02", "st-nonbusiness"):
        for year in range(2021, 2026):
            e = BudgetEstimate.objects.get(plan=plan, year=year, source__code=code)
            assert e.status == EstimateStatus.APPROVED
            assert 1_500_000_000 <= e.approved_amount <= 3_000_000_000
    activities = Activity.objects.filter(plan=plan)
    assert activities.count() == 45
    assert set(activities.values_list("kind", flat=True)) == set(ActivityKind.values)
    assert set(activities.values_list("task__group__number", flat=True)) == {1, 2, 3, 4, 5}
    counts = [m.objects.count() for m in (Objective, Indicator, Task, Activity, BudgetEstimate, AnnualTarget)]
    seed_programs()
    assert [m.objects.count() for m in (Objective, Indicator, Task, Activity, BudgetEstimate, AnnualTarget)] == counts
