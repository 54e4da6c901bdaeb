"""The facts behind the KPI engine: marked stale in the changing transaction, refreshed after
commit (idempotently), read by the dashboard and the reports only where they answer exactly."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import clock
from facts.build import rebuild_all, refresh_plan
from facts.changes import mark_stale
from facts.models import FactState, YearlyFact
from facts.reader import plan_fact_reader
from programs.applications.models import Status
from programs.periods import Basis, plan_periods
from programs.selectors.kpi import plan_kpis
from tests.applications.factories import ApplicationFactory
from tests.programs.factories import BudgetEstimateFactory
from tests.training.factories import EnrolmentFactory
from training.models import EnrolmentStatus

from .world import approved_partner_report, build_world

pytestmark = pytest.mark.django_db


def _figures(results):
    return {r.code: (dict(r.yearly_actual), r.period_actual) for r in results}


def _grow(world, n: int):
    for i in range(n):
        firm = world.enterprises[i % len(world.enterprises)]
        EnrolmentFactory(course=world.courses[i % 2], enterprise=firm, status=EnrolmentStatus.ATTENDED)
        ApplicationFactory(
            scheme=world.scheme,
            enterprise=firm,
            status=Status.APPROVED,
            decision_date=datetime.date(2023, 3, i % 28 + 1),
        )


def test_a_change_marks_the_plan_stale_in_its_transaction_and_the_refresh_after_commit_clears_it(
    django_capture_on_commit_callbacks,
):
    world = build_world()
    state = FactState.objects.get(plan=world.plan)
    assert state.stale is False
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        EnrolmentFactory(course=world.courses[0], enterprise=world.enterprises[0], status=EnrolmentStatus.ATTENDED)
        # Before commit: stale, so every reader counts the raw rows.
        assert FactState.objects.get(plan=world.plan).stale is True
        assert plan_fact_reader(plan=world.plan, periods=plan_periods(world.plan)) is None
    assert len(callbacks) == 1
    callbacks[0]()  # the commit: the outbox delivers facts.refresh_plan
    assert FactState.objects.get(plan=world.plan).stale is False
    figures = _figures(plan_kpis(plan=world.plan))
    assert figures["A1"] == ({2021: 0, 2022: 1, 2023: 0, 2024: 0, 2025: 0}, 1)
    # A second delivery of the same refresh does nothing.
    assert refresh_plan(world.plan.pk) is False


def test_a_stale_plan_promises_one_refresh_however_many_changes():
    world = build_world()
    assert mark_stale([world.plan.pk]) == [world.plan.pk]
    assert mark_stale([world.plan.pk]) == []  # already promised


def test_facts_answer_only_whole_data_years_and_cut_offs_after_the_last_change(django_capture_on_commit_callbacks):
    world = build_world()
    with django_capture_on_commit_callbacks(execute=True):
        _grow(world, 4)
    changed_at = FactState.objects.get(plan=world.plan).changed_at
    periods = plan_periods(world.plan)
    assert plan_fact_reader(plan=world.plan, periods=periods) is not None
    assert plan_fact_reader(plan=world.plan, periods=periods, as_of=changed_at) is not None
    # A report frozen before the last change counts the raw rows as of its cut-off.
    assert plan_fact_reader(plan=world.plan, periods=periods, as_of=changed_at - datetime.timedelta(seconds=1)) is None
    reader = plan_fact_reader(plan=world.plan, periods=periods)
    supported = world.indicators["supported"]
    assert reader.counts(supported, periods.ranges) == [0, 0, 4, 0, 0]
    assert reader.distinct(supported, periods.whole) == 4
    calendar = plan_periods(world.plan, basis=Basis.CALENDAR)
    assert reader.counts(supported, calendar.ranges) is None  # calendar years: raw rows
    # The KPI engine gives the same figures either way.
    assert _figures(plan_kpis(plan=world.plan)) == _figures(plan_kpis(plan=world.plan, as_of=clock.now()))


def test_the_kpis_read_a_few_fact_rows_with_a_constant_query_count(count_queries, django_capture_on_commit_callbacks):
    world = build_world()
    with django_capture_on_commit_callbacks(execute=True):
        _grow(world, 3)
        approved_partner_report(world, 2024, 7)
    results, with_facts = count_queries(plan_kpis, plan=world.plan)
    # The indicators, their yearly targets, the facts' state, the yearly sums, the members.
    assert with_facts == 5
    FactState.objects.filter(plan=world.plan).update(stale=True)
    raw, raw_queries = count_queries(plan_kpis, plan=world.plan)
    assert _figures(results) == _figures(raw)
    assert raw_queries > with_facts
    assert _figures(results)["B2"] == ({2021: 0, 2022: 0, 2023: 0, 2024: 7, 2025: 0}, 7)
    FactState.objects.filter(plan=world.plan).update(stale=False)
    with django_capture_on_commit_callbacks(execute=True):
        _grow(world, 40)
    _, after = count_queries(plan_kpis, plan=world.plan)
    assert after == with_facts


def test_the_leader_dashboard_has_the_same_query_count_on_facts_whatever_the_rows(
    users, client_for, page_queries, django_capture_on_commit_callbacks
):
    world = build_world()
    leader = client_for(users["leader"])
    url = reverse("programs:dashboard") + f"?plan={world.plan.pk}"

    def built():  # the figures computed from the facts (nothing cached yet)
        cache.clear()
        return page_queries(leader, url)

    with django_capture_on_commit_callbacks(execute=True):
        _grow(world, 2)
    small = built()
    with django_capture_on_commit_callbacks(execute=True):
        _grow(world, 60)
    assert built() == small
    warm = page_queries(leader, url)
    assert warm < small  # the second visit reads the figures from the cache
    FactState.objects.filter(plan=world.plan).update(stale=True)
    raw = built()
    assert raw > warm  # the raw rows, counted on every visit: a stale plan's figures are never kept
    assert page_queries(leader, url) == raw


def test_the_dashboards_processing_and_drilldown_blocks_read_stored_figures_equal_to_the_raw_rows(
    users, client_for, django_capture_on_commit_callbacks
):
    world = build_world()
    local = datetime.timezone(datetime.timedelta(hours=7))
    with django_capture_on_commit_callbacks(execute=True):
        _grow(world, 4)
        for i, firm in enumerate(world.enterprises[:3]):  # received, decided on time or late
            ApplicationFactory(
                scheme=world.scheme,
                enterprise=firm,
                status=Status.APPROVED,
                submitted_at=datetime.datetime(2023, 2, 1 + i, 9, tzinfo=local),
                decision_date=datetime.date(2023, 3, 1 + i),
                decided_on=datetime.date(2023, 3, 1 + i),
                working_days_used=10 + 5 * i,
                decided_on_time=i < 2,
                reviewer=users["staff"],
            )
    leader = client_for(users["leader"])

    def blocks(url):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            context = leader.get(url).context
        raw_reads = [
            sql
            for sql in (q["sql"] for q in ctx.captured_queries)
            if "COUNT(" in sql and ('"decided_on_time"' in sql or 'AS "area"' in sql or '"submitted_at" >=' in sql)
        ]
        return (context["panels"], context["dash"].drilldowns), raw_reads

    for year in ("", "&year=2023"):
        url = reverse("programs:dashboard") + f"?plan={world.plan.pk}{year}"
        stored, raw_reads = blocks(url)
        assert raw_reads == []  # nothing aggregated from the applications while the facts are fresh
        FactState.objects.filter(plan=world.plan).update(stale=True)
        counted, raw_reads = blocks(url)
        assert len(raw_reads) >= 4
        FactState.objects.filter(plan=world.plan).update(stale=False)
        assert stored == counted
    (processing,) = [context for template, context in stored[0] if "processing" in template]
    assert [(y.received, y.decided, y.on_time, str(y.median_working_days)) for y in processing["years"]] == [
        (3, 3, 2, "15.00")
    ]
    assert [(r.label, r.decided, r.on_time) for r in processing["by_month"]] == [("03/2023", 3, 2)]


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_keeps_its_figures_until_a_counted_or_any_other_record_changes(users, client_for, page_queries):
    """Real commits (each change commits on its own, its after-commit work runs as in production)."""
    world = build_world()
    _grow(world, 2)
    leader = client_for(users["leader"])
    url = reverse("programs:dashboard") + f"?plan={world.plan.pk}"

    def figures():
        dash = leader.get(url).context["dash"]
        return _figures(dash.kpis), dash.budget.totals.proposed

    cache.clear()
    cold = page_queries(leader, url)
    assert page_queries(leader, url) < cold
    kpis, proposed = figures()
    # A counted change (new enrolments and applications): a new facts version, new figures at once.
    _grow(world, 3)
    grown, _proposed = figures()
    assert grown != kpis
    assert grown == _figures(plan_kpis(plan=world.plan))
    # A record no measure counts (a budget estimate): a new generation after its commit.
    BudgetEstimateFactory(plan=world.plan, year=2023, proposed_amount=700_000_000)
    assert figures() == (grown, proposed + 700_000_000)


def test_the_nightly_rebuild_gives_the_refreshed_rows_and_is_scheduled(settings, django_capture_on_commit_callbacks):
    world = build_world()
    with django_capture_on_commit_callbacks(execute=True):
        _grow(world, 5)
    before = sorted(YearlyFact.objects.values_list("indicator_id", "year", "unit_id", "sector_id", "value"), key=str)
    assert rebuild_all() == 1
    after = sorted(YearlyFact.objects.values_list("indicator_id", "year", "unit_id", "sector_id", "value"), key=str)
    assert after == before
    assert settings.CELERY_BEAT_SCHEDULE["facts-rebuild-all"]["task"] == "facts.rebuild_all"


def test_an_enterprise_import_marks_the_plans_of_the_changed_enterprises_stale(django_capture_on_commit_callbacks):
    from enterprises.models import Enterprise
    from enterprises.signals import enterprises_bulk_changed

    world = build_world()
    firm, other = world.enterprises[0], world.enterprises[1]
    with django_capture_on_commit_callbacks(execute=True):
        EnrolmentFactory(course=world.courses[0], enterprise=firm, status=EnrolmentStatus.ATTENDED)
        # Without a model-enterprises indicator, only the plans of the enterprise's own records.
        world.indicators["models"].delete()
    assert FactState.objects.get(plan=world.plan).stale is False
    enterprises_bulk_changed.send(sender=Enterprise, ids=[other.pk])  # no record of this plan
    assert FactState.objects.get(plan=world.plan).stale is False
    enterprises_bulk_changed.send(sender=Enterprise, ids=[firm.pk])
    assert FactState.objects.get(plan=world.plan).stale is True
