"""The demo seeder: every state, consistent money, growth of supported enterprises, idempotent."""

from django.db.models import Sum

from core.demo import seeders
from programs.applications.measures import (
    conformity_organisations_period,
    supported_enterprises_period,
    supported_enterprises_yearly,
)
from programs.applications.models import Status, SupportApplication
from programs.models import BudgetEstimate


def test_demo_applications(db, django_capture_on_commit_callbacks):
    for order, _name, seed in seeders():
        if order <= 40:
            seed()
    count = SupportApplication.objects.count()
    assert set(SupportApplication.objects.values_list("status", flat=True)) == set(Status.values)
    yearly = supported_enterprises_yearly(year_from=2020, year_to=2025)
    assert yearly == {2021: 22, 2022: 25, 2023: 28, 2024: 31, 2025: 35}
    previous = 20  # the 2020 baseline
    for year in range(2021, 2026):
        growth = (yearly[year] - previous) / previous * 100
        assert 9 <= growth <= 16, (year, growth)
        previous = yearly[year]
    assert 1 <= conformity_organisations_period(year_from=2021, year_to=2025) <= 2
    assert supported_enterprises_period(year_from=2021, year_to=2025) > 35
    for estimate in BudgetEstimate.objects.filter(applications__isnull=False).distinct():
        totals = estimate.applications.aggregate(r=Sum("reserved_amount"), d=Sum("disbursed_amount"))
        assert estimate.reserved_amount == totals["r"] <= estimate.approved_amount
        assert estimate.disbursed_amount == totals["d"] <= estimate.reserved_amount
    own = SupportApplication.objects.filter(applicant__email="enterprise@demo.vn")
    assert own.count() >= 3
    codes = list(SupportApplication.objects.exclude(reference_code=None).values_list("reference_code", flat=True))
    assert len(codes) == len(set(codes))
    for _order, name, seed in seeders():
        if name == "applications":
            seed()
    assert SupportApplication.objects.count() == count
