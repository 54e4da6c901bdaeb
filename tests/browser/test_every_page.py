"""Every page each demo role reaches (``tests.site_pages``), in Chromium on a 390 px phone and a
1366 px screen: never wider than the window, no serious or critical axe violation. Screenshots of
the main pages at both widths go to var/screenshots/ for anyone to look at."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import AXE_PATH, mark_session_mfa
from tests.site_pages import DEMO_ROLES, crawl_demo_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": (390, 844), "desktop": (1366, 900)}
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
# The main pages, photographed at both widths (URL pattern names).
MAIN_PAGES = {
    "public_home",
    "account_login",
    "account_signup",
    "programs:public_dashboard",
    "accounts:home",
    "applications:mine",
    "applications:detail",
    "applications:queue",
    "applications:budget_queue",
    "applications:approve_budget",
    "applications:decisions",
    "applications:disbursements",
    "programs:dashboard",
    "programs:plan_detail",
    "programs:budget_list",
    "programs:partner_report_list",
    "enterprises:list",
    "enterprises:detail",
    "training:calendar",
    "training:course_detail",
    "training:attendance_sheet",
    "reports:list",
    "reports:detail",
    "accounts:audit_log",
}


def _browser_context(browser, live_server, email, size):
    from django.test import Client

    from accounts.models import User

    width, height = size
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": width, "height": height})
    if email is not None:
        user = User.objects.get(email=email)
        client = Client()
        client.force_login(user)
        mark_session_mfa(client, user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])
    return context


AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => `${v.id} (${v.impact}): ${v.help} → ${JSON.stringify(v.nodes.slice(0, 3).map(n => n.target))}`);
}"""
OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && !el.closest('.table-fit, .visually-hidden, .visually-hidden-focusable'))
    .slice(0, 3).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + [...el.classList].join('.'));
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


def test_every_page_of_every_role_fits_a_phone_and_a_screen_and_passes_axe(browser, live_server, demo):
    crawls = crawl_demo_roles()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    problems, visited = [], 0
    # A template is checked once, by the first role that reaches it, except the main pages: each
    # role's own version of those is checked and photographed (a few minutes in all).
    checked = set()
    for role, crawl in crawls.items():
        pages = [p for p in crawl.pages if p.name not in checked or p.name in MAIN_PAGES]
        checked |= {p.name for p in pages}
        for label, size in WIDTHS.items():
            context = _browser_context(browser, live_server, DEMO_ROLES[role], size)
            context.add_init_script(path=str(AXE_PATH))  # axe-core in every page, before its scripts
            pg = context.new_page()
            pg.set_default_timeout(15000)
            for page in pages:
                main = page.name in MAIN_PAGES
                response = pg.goto(page.url, wait_until="load" if main else "domcontentloaded")
                visited += 1
                if response is None or response.status != 200:
                    problems.append(f"{role} {label} {page.url}: HTTP {response and response.status}")
                    continue
                box = pg.evaluate(OVERFLOW)
                if box["scroll"] > box["width"]:
                    problems.append(
                        f"{role} {label} {page.url}: {box['scroll']} px wide in {box['width']} px {box['wide']}"
                    )
                problems += [f"{role} {label} {page.url}: {v}" for v in pg.evaluate(AXE_RUN)]
                if main:
                    name = page.name.replace(":", "-").replace("_", "-")
                    pg.screenshot(path=str(SCREENSHOTS / f"{role}-{name}-{size[0]}.png"), full_page=True)
            context.close()
    assert visited > 150
    assert problems == [], "\n".join(problems)
    assert len(list(SCREENSHOTS.glob("*-390.png"))) == len(list(SCREENSHOTS.glob("*-1366.png"))) > 20
