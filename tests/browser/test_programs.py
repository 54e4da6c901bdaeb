"""The leader signs in: the dashboard opens on the plan in force (Đà Nẵng 2026-2030); the closed
Quảng Nam plan stays readable with its targets and the 2021-2025 actuals of the demo data."""

import re

import pytest

from accounts.models import User
from programs.demo import demo_plan
from programs.selectors import plan_kpis
from programs.templatetags.programs_tags import kpi_number
from tests.conftest import assert_accessible

# The role groups that a flush removes come back through tests/conftest.py (_role_groups).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_sees_the_dashboard_with_targets_and_actuals(sign_in, demo):
    leader = User.objects.get(email="leader@demo.vn")
    page = sign_in(leader)
    response = page.goto("/programs/dashboard/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Bảng điều hành: Kế hoạch NSCL Đà Nẵng 2026-2030"
    assert "số liệu minh họa" in page.locator("[data-targets-note]").inner_text()
    page.select_option("#choose-plan", str(demo_plan().pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Xem").click()
    assert "Quảng Nam" in page.locator("h1").inner_text()
    results = plan_kpis(plan=demo_plan())
    assert [r.code for r in results] == ["a.1", "b.1", "c.1", "c.2", "d.1"]
    for r in results:
        card = page.locator(f'article.kpi-card[data-indicator="{r.code}"]')
        assert card.locator(".kpi-status").get_attribute("data-status") == r.status
        assert card.locator(".kpi-actual").inner_text().startswith(kpi_number(r.period_actual))
    targets = {
        r.code: page.locator(f'article.kpi-card[data-indicator="{r.code}"] .kpi-target').inner_text() for r in results
    }
    assert targets["a.1"] == "15 - 20 lượt"
    assert targets["b.1"] == "khoảng 900 (±5 %) lượt"
    assert targets["c.1"] == "10 - 15 %/năm"
    assert targets["c.2"] == "ít nhất 1 doanh nghiệp"
    assert targets["d.1"] == "1 - 2 tổ chức"
    # The dashboard says which years it counts, and can switch to calendar years.
    heading = page.locator("#kpi-heading").inner_text()
    assert heading == "Chỉ tiêu giai đoạn 2021-2025 theo năm số liệu (15/12/2020 – 14/12/2025)"
    page.select_option("#choose-year", "2024")
    page.select_option("#choose-basis", "calendar")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**basis=calendar**")
    assert page.locator("#kpi-heading").inner_text() == "Chỉ tiêu năm dương lịch 2024 (01/01/2024 – 31/12/2024)"
    # Back to the closed plan's whole span (the dashboard alone opens on the plan in force).
    page.goto(f"/programs/dashboard/?plan={demo_plan().pk}")
    assert "Quảng Nam" in page.locator("h1").inner_text()
    # The yearly table beside each chart has 2021-2025 with the engine's actuals.
    expert = next(r for r in results if r.code == "a.1")
    table = page.locator("table.kpi-table").first
    for year in range(2021, 2026):
        cell = table.locator(f'tr[data-year="{year}"] .kpi-year-actual').inner_text()
        assert cell == kpi_number(expert.yearly_actual[year])
    assert sum(expert.yearly_actual.values()) > 0
    # Chart.js drew into the canvases (the script ran under the strict CSP).
    page.wait_for_function(
        "document.querySelectorAll('canvas.kpi-chart').length === 5 && "
        "[...document.querySelectorAll('canvas.kpi-chart')].every(c => c.width > 0 && window.Chart && Chart.getChart(c))"
    )
    # Like with like: c.1 (a growth rate, %/year) plots its yearly growth, not its counts; counts
    # get whole-number steps; the axis reaches above the highest bar and target (nothing clipped).
    charts = page.evaluate(
        """[...document.querySelectorAll('canvas.kpi-chart')].map(c => {
            const chart = Chart.getChart(c);
            const y = chart.scales.y;
            return {bars: chart.data.datasets[0].data, target: (chart.data.datasets[1] || {data: []}).data,
                    max: y.max, ticks: y.ticks.map(t => t.value)};
        })"""
    )
    growth = next(r for r in results if r.code == "c.1")
    c1 = charts[[r.code for r in results].index("c.1")]
    assert c1["bars"] == [None if (g := growth.yearly_growth.get(y)) is None else float(g) for y in growth.years]
    a1 = charts[[r.code for r in results].index("a.1")]
    assert a1["bars"] == [float(expert.yearly_actual[y]) for y in expert.years]
    assert all(float(t).is_integer() for t in a1["ticks"])
    for chart in charts:
        shown = [v for v in chart["bars"] + chart["target"] if v is not None]
        assert chart["max"] > max(shown)
    assert_accessible(page)


def test_public_results_and_programme_pages_are_accessible(page, demo):
    page.goto("/programs/public/results/")
    assert page.locator("article.kpi-card").count() == 5
    assert "2026-2030" in page.locator("h1").inner_text()
    assert_accessible(page)
    page.goto("/programs/public/")
    assert "Hợp tác quốc tế về năng suất chất lượng" in page.content()
    assert "thành phố Đà Nẵng, giai đoạn 2026 - 2030" in page.locator("h1").inner_text()
    assert_accessible(page)
    # The closed plan stays readable.
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("tỉnh Quảng Nam, giai đoạn 2021 - 2025")).click()
    assert "tỉnh Quảng Nam, giai đoạn 2021 - 2025" in page.locator("h1").inner_text()
    assert_accessible(page)
