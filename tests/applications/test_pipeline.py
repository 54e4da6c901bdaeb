"""The leader's dashboard: applications by state and the late ones, each count a link to the
filtered list of its applications (the work queue, read-only for leaders)."""

import datetime
import re

from django.urls import reverse

from core import clock
from programs.applications.models import Status

from .conftest import make_application


def _codes(page: str) -> list[str]:
    return sorted(re.findall(r'href="/applications/\d+/">([^<]+)</a>', page))


def test_the_pipeline_counts_link_to_their_applications_and_the_late_ones_are_listed(world, client_for):
    plan = world.scheme.plan
    plan.end_year = 2030
    plan.save()
    world.policy.yearly_limit = None  # three applications of one enterprise in one year
    world.policy.save()
    submitted = [make_application(world, Status.SUBMITTED) for _ in range(2)]
    recommended = make_application(world, Status.RECOMMENDED)
    year = submitted[0].year
    leader = client_for(world.leader)
    later = clock.today() + datetime.timedelta(days=40)  # past every promised date (15 working days)
    with clock.frozen(later):
        page = leader.get(reverse("programs:dashboard"), {"plan": plan.pk, "year": year}).content.decode()
        items = dict(re.findall(r'<li class="list-inline-item mb-1" data-status="(\w+)">(.*?)</li>', page, re.S))
        assert re.search(r'pipeline-count">(\d+)<', items[Status.SUBMITTED]).group(1) == "2"
        assert re.search(r'pipeline-count">(\d+)<', items[Status.RECOMMENDED]).group(1) == "1"
        assert re.search(r'pipeline-count">(\d+)<', items[Status.APPROVED]).group(1) == "0"
        assert "<a " not in items[Status.APPROVED]  # nothing to list
        link = re.search(r'href="([^"]+)"', items[Status.SUBMITTED]).group(1).replace("&amp;", "&")
        assert link == f"/applications/queue/?plan={plan.pk}&status=submitted&year={year}"
        listing = leader.get(link)
        assert listing.status_code == 200
        assert _codes(listing.content.decode()) == sorted(a.display_code for a in submitted)
        # The late ones: all three are held by the department past their due date.
        late = re.search(r'href="([^"]+)" id="late-link"', page).group(1).replace("&amp;", "&")
        assert late == f"/applications/queue/?plan={plan.pk}&deadline=late&sort=due"
        codes = _codes(leader.get(late).content.decode())
    assert codes == sorted(a.display_code for a in [*submitted, recommended])
    with clock.frozen(clock.today()):
        assert _codes(leader.get(late).content.decode()) == []  # on the day they came, none is late


def test_finance_reads_the_queue_and_an_enterprise_may_not(world, client_for):
    assert client_for(world.finance).get(reverse("applications:queue")).status_code == 200
    assert client_for(world.rep).get(reverse("applications:queue")).status_code == 403
