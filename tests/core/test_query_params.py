"""Every query parameter is parsed by a form or a filter: odd values give 4xx or a normal page,
never a server error (the 21 inputs of issue 17, and their neighbours)."""

import pytest
from django.test import Client

from tests.programs.factories import PlanFactory

pytestmark = pytest.mark.django_db

YEAR_23_DIGITS = "2" * 23
CASES = [
    # Public results and programme pages.
    (None, "/programs/public/results/?year=²"),
    (None, "/programs/public/results/?plan=²"),
    (None, "/programs/public/results/?plan=" + YEAR_23_DIGITS),
    (None, "/programs/public/results/?year=" + YEAR_23_DIGITS),
    (None, "/programs/public/?year=²"),
    (None, "/programs/public/?plan=²"),
    # Certificate verification.
    (None, "/training/verify/?code=%25"),
    (None, "/training/verify/?code=_"),
    (None, "/training/verify/?code=%5C"),
    (None, "/training/verify/?code=[]"),
    (None, "/training/verify/?code%5B%5D=ABC"),
    (None, "/training/verify/?code=%00"),
    # The staff work queue.
    ("staff", "/applications/queue/?waiting=1e30"),
    ("staff", "/applications/queue/?waiting=-1"),
    ("staff", "/applications/queue/?waiting=²"),
    # Training management.
    ("staff", "/training/manage/?year=" + YEAR_23_DIGITS),
    ("staff", "/training/manage/?year=²"),
    # NUL characters in search and filter text.
    ("staff", "/training/manage/?q=%00"),
    ("staff", "/training/participants/?q=%00"),
    ("admin", "/home/audit/?action=%00"),
    ("staff", "/enterprises/?q=%00"),
    # Neighbours: the same parameters on the internal pages.
    ("staff", "/programs/dashboard/?year=²&plan=²"),
    ("finance", "/programs/budget/?plan=²&year=" + YEAR_23_DIGITS),
    ("staff", "/reports/?kind=%00&page=%00"),
    # Issue 12's prefilled links: the start page's scheme, the estimate proposal from the budget queue.
    ("enterprise", "/applications/new/?scheme=²"),
    ("enterprise", "/applications/new/?scheme=" + YEAR_23_DIGITS),
    ("staff", "/programs/budget/propose/?plan=²&year=²&source=²"),
    ("staff", "/programs/budget/propose/?plan=" + YEAR_23_DIGITS + "&year=" + YEAR_23_DIGITS),
]


@pytest.fixture
def plan():
    return PlanFactory()


@pytest.mark.parametrize(("role", "url"), CASES)
def test_odd_query_values_get_a_normal_page_or_4xx(role, url, plan, users, client_for):
    client = client_for(users[role]) if role else Client()
    response = client.get(url)
    assert response.status_code in (200, 302, 400, 404), (url, response.status_code)
    if response.status_code == 302:
        assert "/accounts/login/" not in response["Location"]


def test_activity_list_ignores_an_odd_year(plan, users, client_for):
    response = client_for(users["staff"]).get(f"/programs/plans/{plan.pk}/activities/?year=²")
    assert response.status_code == 200
    assert response.context["year"] is None


def test_a_verification_code_of_punctuation_only_is_a_form_error():
    response = Client().get("/training/verify/?code=%25")
    assert response.status_code == 200
    assert "Nhập mã in trên giấy chứng nhận" in response.content.decode()
