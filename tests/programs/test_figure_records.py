"""Every figure of the leader dashboard links to the list of the records behind it (issue #13):
the list's count is the figure the KPI engine computes, over the same plan, year and basis; another
agency's leader reaches none of them."""

import html as html_lib
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from enterprises.models import Sector
from programs.drilldown import drilldown_counts, get_drilldown
from programs.periods import data_year, plan_periods
from programs.selectors.kpi import plan_kpis
from tests.reports.figures_data import build

pytestmark = pytest.mark.django_db

SUPPORTED = "applications.supported_enterprises"


@pytest.fixture
def plans():
    two = build()
    industry = Sector.objects.create(code="C", level=1, name="Công nghiệp chế biến, chế tạo", size_group="industry")
    food = Sector.objects.create(code="10", level=2, parent=industry, name="Thực phẩm", size_group="industry")
    for key, sector in (("A", food), ("B", industry)):
        two.enterprises[key].sector = sector
        two.enterprises[key].save()
    return two


def figure_links(page: str) -> list[tuple[str, dict, str]]:
    """(href, its query as a dict, the figure shown) of every figure link on the page."""
    found = []
    for href, text in re.findall(r'<a class="figure-link" href="([^"]+)">([^<]+)</a>', page):
        href = html_lib.unescape(href)
        found.append((href, dict(parse_qsl(urlsplit(href).query)), text))
    return found


def link_to(page: str, **params) -> tuple[str, str]:
    """The one figure link whose query has ``params`` (a None value: the parameter is absent)."""
    matches = [
        (href, text)
        for href, query, text in figure_links(page)
        if all(query.get(k) == (None if v is None else str(v)) for k, v in params.items())
    ]
    assert len(matches) == 1, (params, [q for _, q, _ in figure_links(page)])
    return matches[0]


def record_count(client, href: str) -> int:
    response = client.get(href)
    assert response.status_code == 200
    return int(re.search(r'data-record-count="(\d+)"', response.content.decode()).group(1))


def indicator(kpis, code):
    return next(r for r in kpis if r.code == code)


def test_indicator_figures_link_to_lists_counting_the_same(plans, make_user, client_for, page_queries):
    p = plans.p
    leader = client_for(make_user("leader", agency=p.agency))
    page = leader.get(f"/programs/dashboard/?plan={p.pk}").content.decode()
    kpis = plan_kpis(plan=p)

    # Training: expert person-times over the whole plan (a plain count) and in data year 2022.
    expert = indicator(kpis, "E")
    href, shown = link_to(page, indicator=expert.indicator.pk, plan=p.pk, year=None)
    assert record_count(leader, href) == expert.period_actual == 13
    href, _ = link_to(page, indicator=expert.indicator.pk, year=2022)
    assert record_count(leader, href) == expert.yearly_actual[2022] == 8
    # A list's queries do not grow with its rows (13 person-times, then 2).
    whole_href = link_to(page, indicator=expert.indicator.pk, year=None)[0]
    assert page_queries(leader, whole_href) == page_queries(
        leader, link_to(page, indicator=expert.indicator.pk, year=2025)[0]
    )

    # Applications: supported enterprises by data year (a growth indicator: its rate links nowhere).
    supported = indicator(kpis, "S")
    for year in p.years:
        href, shown = link_to(page, indicator=supported.indicator.pk, year=year)
        assert record_count(leader, href) == supported.yearly_actual[year]
    assert not [
        q for _, q, _ in figure_links(page) if q.get("indicator") == str(supported.indicator.pk) and "year" not in q
    ]
    two, three = (link_to(page, indicator=supported.indicator.pk, year=y)[0] for y in (2021, 2022))
    assert page_queries(leader, two) == page_queries(leader, three)

    # A distinct count over the period: conformity organisations.
    conformity = indicator(kpis, "C")
    href, _ = link_to(page, indicator=conformity.indicator.pk, year=None)
    assert record_count(leader, href) == conformity.period_actual == 1

    # Partner figures are sums of reported values, not records: no link.
    assert not [q for _, q, _ in figure_links(page) if q.get("indicator") == str(indicator(kpis, "PF").indicator.pk)]


def test_district_and_sector_figures_link_to_their_enterprises(plans, make_user, client_for):
    p = plans.p
    leader = client_for(make_user("leader", agency=p.agency))
    page = leader.get(f"/programs/dashboard/?plan={p.pk}&year=2022").content.decode()
    within = data_year(p, 2022)
    assert plan_periods(p, year_from=2022, year_to=2022).whole == within
    provider = get_drilldown(SUPPORTED)

    by_unit = drilldown_counts(provider, plan=p, within=within)[0]
    assert by_unit, "the fixture has supported enterprises in 2022"
    for row in by_unit:
        href, shown = link_to(page, drilldown=SUPPORTED, unit=row.key, year=2022)
        assert int(shown) == row.count
        assert record_count(leader, href) == row.count
    tam_ky = next(r for r in by_unit if r.label == "Thành phố Tam Kỳ")
    listed = leader.get(link_to(page, drilldown=SUPPORTED, unit=tam_ky.key)[0]).content.decode()
    assert {"Công ty A", "Công ty B", "Công ty C"} <= set(re.findall(r"Công ty [A-Z]\b", listed))

    by_sector = drilldown_counts(provider, plan=p, within=within)[1]
    assert {r.key for r in by_sector} == {"C", "none"}
    for row in by_sector:
        href, shown = link_to(page, drilldown=SUPPORTED, sector=row.key, year=2022)
        assert record_count(leader, href) == row.count
    section_c = leader.get(link_to(page, drilldown=SUPPORTED, sector="C")[0]).content.decode()
    assert set(re.findall(r"Công ty [A-Z]\b", section_c)) == {"Công ty A", "Công ty B"}


def test_another_agencys_leader_gets_none_of_the_records(plans, make_user, client_for):
    p, q = plans.p, plans.q
    own = client_for(make_user("leader", agency=p.agency))
    page = own.get(f"/programs/dashboard/?plan={p.pk}").content.decode()
    links = figure_links(page)
    assert len(links) > 10
    other = client_for(make_user("leader", email="leader-q@test.vn", agency=q.agency))
    for href, _, _ in links:
        assert other.get(href).status_code == 404, href
    # P's indicator asked under Q's plan (which Q's leader sees) is not Q's either.
    expert_p = indicator(plan_kpis(plan=p), "E").indicator
    assert other.get(f"/programs/dashboard/records/?plan={q.pk}&indicator={expert_p.pk}").status_code == 404
    # Q's own figure opens for Q's leader and lists Q's person-times only.
    expert_q = indicator(plan_kpis(plan=q), "E")
    assert (
        record_count(other, f"/programs/dashboard/records/?plan={q.pk}&year=2021&indicator={expert_q.indicator.pk}")
        == (expert_q.yearly_actual[2021])
        == 6
    )


def test_the_public_dashboard_links_to_no_records(plans, client):
    page = client.get(f"/programs/public/results/?plan={plans.p.pk}").content.decode()
    assert "figure-link" not in page
    assert (
        client.get(f"/programs/dashboard/records/?plan={plans.p.pk}&drilldown={SUPPORTED}&unit=other").status_code
        == 302
    )
