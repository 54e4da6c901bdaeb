"""One way to write figures: core.numbers, and the one template library that calls it."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse

from core.numbers import fixed_decimal, grouped, vn_number, vnd
from tests.enterprises.factories import EnterpriseFactory
from tests.training.factories import CourseFactory


def test_money_and_figures_are_written_the_vietnamese_way_whatever_the_language():
    assert vnd(1234567) == "1.234.567 ₫"
    assert vnd(0) == "0 ₫"
    assert vnd(Decimal("180000000")) == "180.000.000 ₫"
    assert vnd("2500000") == "2.500.000 ₫"
    assert [vnd(None), vnd("")] == ["—", "—"]
    assert grouped(1234567) == "1.234.567"
    assert [grouped(None), grouped(999)] == ["—", "999"]
    assert fixed_decimal(Decimal("41.665")) == "41,67"  # half up
    assert fixed_decimal(1234.5) == "1.234,50"
    assert fixed_decimal(None) == "—"
    assert vn_number(1234567) == "1.234.567"
    assert vn_number(Decimal("12.50")) == "12,5"
    assert vn_number(None) == ""


def test_the_template_filters_are_the_same_functions():
    template = Template(
        "{% load vn_numbers %}{{ a|vnd }}|{{ b|vnd }}|{{ a|grouped }}|{{ c|decimal2 }}|{{ c|vn }}|{{ c|vn:1 }}"
        "|{{ m|get_item:'k' }}"
    )
    with_english = Template("{% load i18n %}{% language 'en' %}" + template.source + "{% endlanguage %}")
    context = Context({"a": 1234567, "b": None, "c": Decimal("41.666"), "m": {"k": 3}})
    expected = "1.234.567 ₫|—|1.234.567|41,67|41,67|41,7|3"
    assert template.render(context) == expected
    assert with_english.render(context) == expected


@pytest.mark.django_db
def test_amounts_that_pages_once_wrote_their_own_way_are_written_the_one_way(client_for, users):
    enterprise = EnterpriseFactory(revenue=12_500_000_000, capital=None)
    page = client_for(users["staff"]).get(reverse("enterprises:detail", args=[enterprise.pk])).content.decode()
    assert '<dd class="col-sm-8">12.500.000.000 ₫</dd>' in page  # was 12500000000 ₫
    assert '<dd class="col-sm-8">—</dd>' in page  # no capital given
    course = CourseFactory(cost=35_000_000, funding_source=None)
    page = client_for(users["staff"]).get(reverse("training:course_detail", args=[course.pk])).content.decode()
    assert '<span class="money">35.000.000 ₫</span>' in page
