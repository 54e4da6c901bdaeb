"""The enterprise list and the representatives queue take their page before joining and counting."""

import pytest
from django.urls import reverse

from enterprises.models import Enterprise
from tests.enterprises.factories import EnterpriseFactory, RepresentativeFactory
from tests.training.test_paging import captured, grouped, page_keys

pytestmark = pytest.mark.django_db


def test_enterprise_list_counts_representatives_of_its_page_only(client_for, users):
    client = client_for(users["staff"])
    EnterpriseFactory.create_batch(5)
    url = reverse("enterprises:list") + "?q=cong+ty&page=2"
    _response, few = captured(client, url)
    EnterpriseFactory.create_batch(55)
    third = Enterprise.objects.order_by("name", "pk")[27]
    RepresentativeFactory(enterprise=third)
    RepresentativeFactory(enterprise=third, status="pending")
    response, many = captured(client, url)
    assert len(many) == len(few)
    page = response.context["page"]
    assert (page.paginator.count, [e.pk for e in page.object_list][2]) == (60, third.pk)
    assert [(e.verified_count, e.pending_count) for e in page.object_list][1:4] == [(0, 0), (1, 1), (0, 0)]
    (aggregate,) = grouped(many, "enterprises_enterprise")
    assert page_keys(aggregate, "enterprises_enterprise") == sorted(e.pk for e in page.object_list)


def test_representatives_queue_counts_its_page_only(client_for, users):
    client = client_for(users["staff"])
    RepresentativeFactory.create_batch(5, status="pending")
    _response, few = captured(client, reverse("enterprises:representatives"))
    pending = RepresentativeFactory.create_batch(55, status="pending")
    RepresentativeFactory(enterprise=pending[0].enterprise)
    response, many = captured(client, reverse("enterprises:representatives"))
    assert len(many) == len(few)
    page = response.context["page"]
    assert (page.paginator.count, len(page.object_list)) == (60, 25)
    (aggregate,) = grouped(many, "enterprises_representative")
    assert page_keys(aggregate, "enterprises_representative") == sorted(r.pk for r in page.object_list)
    counts = {r.pk: r.verified_count for r in page.object_list}
    assert counts[pending[0].pk] == 1  # the sixth oldest request: its enterprise has one verified
    assert sum(counts.values()) == 1
