"""The public front page's blocks are cached and dropped when the data under them changes."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import clock
from programs.demo import seed_programs
from programs.models import Plan
from programs.public_home import headline_figures
from programs.selectors import plan_kpis
from programs.templatetags.programs_tags import kpi_number, target_text
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db


def home(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("public_home"))
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in ctx.captured_queries]


def without_tokens(page):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def reads(queries, prefix):
    return [sql for sql in queries if f'FROM "{prefix}' in sql]


def test_front_page_figures_are_the_measures_and_are_cached(client):
    seed_programs()
    plan = Plan.objects.get()
    page, first = home(client)
    kpis = plan_kpis(plan=plan)
    assert [f["code"] for f in headline_figures(plan)] == [r.code for r in kpis]
    measured = [r for r in kpis if r.period_actual]
    assert measured, "the demo plan has figures"
    for r in kpis:
        assert (
            f'<th scope="row">{r.code}. {r.name}</th><td class="num">{kpi_number(r.period_actual)} {r.unit}</td><td class="num">{target_text(r.target)}</td>'
            in page
        )
    assert reads(first, "programs_")
    again, second = home(client)
    assert without_tokens(again) == without_tokens(page)
    # The blocks come from the cache; only the header names the deployment's agency (one query).
    assert [q for q in reads(second, "programs_") if 'FROM "programs_agency"' not in q] == []
    assert len(reads(second, "programs_")) == 1
    assert reads(second, "training_") == []


def test_a_committed_change_refreshes_the_blocks(client, django_capture_on_commit_callbacks):
    page, _ = home(client)
    assert "Khóa mới về Lean" not in page
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        CourseFactory(title="Khóa mới về Lean", start_date=clock.today() + datetime.timedelta(days=3))
        CourseFactory(title="Khóa thứ hai")
    assert len(callbacks) == 1  # one refresh per transaction, however many records changed
    page, queries = home(client)
    assert "Khóa mới về Lean" in page
    assert reads(queries, "training_")


def test_an_uncommitted_change_does_not_refresh_the_blocks(client):
    home(client)
    CourseFactory(title="Khóa chưa lưu xong")  # the test's transaction never commits
    page, queries = home(client)
    assert "Khóa chưa lưu xong" not in page
    assert reads(queries, "training_") == []
