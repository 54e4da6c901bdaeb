"""The KPI engine against a hand-built data set; every expected value was computed by hand."""

from decimal import Decimal

import pytest

from programs.selectors import plan_kpis
from programs.selectors.kpi import compound_growth_percent, target_status

from . import kpi_data

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def kpis(measure_registry):
    kpi_data.register_test_measures(measure_registry)
    plan, ind = kpi_data.build()
    return plan, {r.indicator.pk: r for r in plan_kpis(plan=plan)}, ind


def test_expert_person_times_cumulative_within(kpis):
    _plan, results, ind = kpis
    r = results[ind["expert"].pk]
    assert r.years == [2021, 2022, 2023, 2024, 2025]
    assert r.yearly_actual == {2021: D(3), 2022: D(5), 2023: D(4), 2024: D(0), 2025: D(6)}
    assert r.period_actual == D(18)
    assert r.percent_of_target == D("120.00")  # 18 / 15
    assert r.status == "within"
    assert (r.target_min, r.target_max) == (D(15), D(20))
    assert (r.yearly_target[2022].low, r.yearly_target[2022].high) == (D(4), D(5))
    assert r.yearly_target[2021] is None
    # A count shows counts: growth percentages are only for growth-rate indicators.
    assert r.yearly_growth == {}
    assert r.rate is None


def test_manager_person_times_below(kpis):
    _plan, results, ind = kpis
    r = results[ind["manager"].pk]
    assert r.yearly_actual == {2021: D(2), 2022: D(3), 2023: D(1), 2024: D(0), 2025: D(0)}
    assert r.period_actual == D(6)
    assert r.percent_of_target == D("60.00")
    assert r.status == "below"


def test_supported_enterprises_growth_and_cagr(kpis):
    _plan, results, ind = kpis
    r = results[ind["supported"].pk]
    assert r.yearly_actual == {2021: D(22), 2022: D(25), 2023: D(27), 2024: D(30), 2025: D(33)}
    # 22/20, 25/22, 27/25, 30/27, 33/30
    assert r.yearly_growth == {2021: D("10.00"), 2022: D("13.64"), 2023: D("8.00"), 2024: D("11.11"), 2025: D("10.00")}
    # (33 / 20) ** (1/5) - 1 = 10.534 %
    assert r.cagr == D("10.53")
    assert r.period_actual == D("10.53")
    assert r.percent_of_target is None  # a growth rate is read against its range, not as "% met"
    assert r.status == "within"


def test_model_enterprises_above_and_partner_figures(kpis):
    _plan, results, ind = kpis
    model = results[ind["model"].pk]
    assert model.yearly_actual == {2021: D(0), 2022: D(1), 2023: D(0), 2024: D(1), 2025: D(1)}
    assert model.period_actual == D(3)
    assert model.status == "above"
    orgs = results[ind["orgs"].pk]
    assert orgs.yearly_actual[2023] == D(1)
    assert orgs.yearly_actual[2024] == D(0)  # submitted, not approved
    assert orgs.period_actual == D(1)
    assert orgs.status == "within"
    assert results[ind["unmeasured"].pk].status == "no_data"


def test_a_shorter_span(measure_registry):
    kpi_data.register_test_measures(measure_registry)
    plan, ind = kpi_data.build()
    results = {r.indicator.pk: r for r in plan_kpis(plan=plan, year_from=2022, year_to=2023)}
    expert = results[ind["expert"].pk]
    assert expert.years == [2022, 2023]
    assert expert.yearly_actual == {2022: D(5), 2023: D(4)}
    assert expert.yearly_growth == {}
    assert expert.period_actual == D(9)
    # The span's target is the sum of the yearly targets 4-5 + 4-5.
    assert (expert.target_min, expert.target_max) == (D(8), D(10))
    assert expert.status == "within"
    supported = results[ind["supported"].pk]
    # From the year before the span (2021: 22) to its last year (2023: 27): (27 / 22) ** (1/2) - 1 = 10.78 %
    assert supported.yearly_growth == {2022: D("13.64"), 2023: D("8.00")}
    assert supported.cagr == D("10.78")
    assert supported.percent_of_target is None


def test_constant_queries(measure_registry, count_queries):
    kpi_data.register_test_measures(measure_registry)
    small, _ = kpi_data.build(scale=1)
    large, _ = kpi_data.build(scale=10)
    _, n_small = count_queries(plan_kpis, plan=small)
    results, n_large = count_queries(plan_kpis, plan=large)
    assert n_small == n_large
    # 1 indicators + 1 yearly targets + 1 the plan's facts state (no facts built: the raw rows)
    # + 5 measured indicators + 1 period (model enterprises) + 1 the area of the plan's agency
    # (none here), shared by the model enterprises' two calls.
    assert n_small == 10


def test_status_rules():
    assert target_status(D(899), D(900), None) == "below"
    assert target_status(D(900), D(900), None) == "within"
    assert target_status(D(5000), D(900), None) == "within"
    assert target_status(D(21), D(15), D(20)) == "above"
    assert target_status(None, D(1), None) == "no_data"
    assert compound_growth_percent(D(0), D(10), 3) is None


def test_charts_plot_like_with_like_with_whole_steps_for_counts_and_room_above_the_bars(kpis):
    from programs.selectors.dashboard import chart_data

    _plan, results, ind = kpis
    growth = chart_data(results[ind["supported"].pk])
    # The growth indicator's bars are its yearly growth in %, read against its %/year target.
    assert growth["series"] == [10.0, 13.64, 8.0, 11.11, 10.0]
    assert growth["is_growth"] is True
    assert growth["integer"] is False
    highest = max(v for v in growth["series"] + growth["target_min"] if v is not None)
    assert growth["suggested_max"] == round(highest * 1.15, 2) > highest
    counts = chart_data(results[ind["expert"].pk])
    assert counts["series"] == counts["actual"] == [3.0, 5.0, 4.0, 0.0, 6.0]
    assert counts["is_growth"] is False
    assert counts["integer"] is True
    assert counts["suggested_max"] == 7  # the highest bar, 6, plus 15 %, up to a whole number
