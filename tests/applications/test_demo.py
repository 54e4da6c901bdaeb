"""The demo seeder: every state, consistent money, growth of supported enterprises, idempotent."""

import datetime

from django.db.models import Sum

from core.demo import seeders
from programs.applications.ledger import estimate_totals
from programs.applications.measures import (
    conformity_organisations_distinct,
    supported_enterprises_counts,
    supported_enterprises_distinct,
)
from programs.applications.models import Status, SupportApplication
from programs.demo import demo_plan
from programs.models import BudgetEstimate
from programs.periods import plan_periods


def test_demo_applications(db, django_capture_on_commit_callbacks):
    for order, _name, seed in seeders():
        if order <= 40:
            seed()
    count = SupportApplication.objects.count()
    assert set(SupportApplication.objects.values_list("status", flat=True)) == set(Status.values)
    plan = demo_plan()
    periods = plan_periods(plan)
    yearly = dict(
        zip(periods.year_numbers, supported_enterprises_counts(plan=plan, ranges=periods.ranges), strict=True)
    )
    assert yearly == {2021: 22, 2022: 25, 2023: 28, 2024: 31, 2025: 35}
    previous = 20  # the 2020 baseline
    for year in range(2021, 2026):
        growth = (yearly[year] - previous) / previous * 100
        assert 9 <= growth <= 16, (year, growth)
        previous = yearly[year]
    assert 1 <= conformity_organisations_distinct(plan=plan, within=periods.whole) <= 2
    assert supported_enterprises_distinct(plan=plan, within=periods.whole) > 35
    estimates = list(BudgetEstimate.objects.filter(applications__isnull=False).distinct())
    # The dated ledger adds up to the running totals (nothing is dated after today).
    ledger = estimate_totals(estimate_ids=[e.pk for e in estimates], cutoff=datetime.date(2026, 12, 31))
    for estimate in estimates:
        totals = estimate.applications.aggregate(r=Sum("reserved_amount"), d=Sum("disbursed_amount"))
        assert estimate.reserved_amount == totals["r"] <= estimate.approved_amount
        assert estimate.disbursed_amount == totals["d"] <= estimate.reserved_amount
        assert ledger[estimate.pk] == {"reserved": estimate.reserved_amount, "disbursed": estimate.disbursed_amount}
    own = SupportApplication.objects.filter(applicant__email="enterprise@demo.vn")
    assert own.count() >= 3
    codes = list(SupportApplication.objects.exclude(reference_code=None).values_list("reference_code", flat=True))
    assert len(codes) == len(set(codes))
    for _order, name, seed in seeders():
        if name == "applications":
            seed()
    assert SupportApplication.objects.count() == count
