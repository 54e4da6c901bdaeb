"""A user who only asked to join an enterprise by its tax code sees nothing of it until staff
verify them; the drafts they prepare meanwhile stay theirs."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from enterprises.models import RepresentativeStatus
from enterprises.services import representative_request_join, representative_verify
from programs.applications import services
from programs.applications.models import Status

from .conftest import make_draft
from .factories import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def joiner_world(world, make_user):
    filed = make_draft(world)
    services.application_submit(application=filed, actor=world.rep)
    filed.refresh_from_db()
    own_draft = make_draft(world)
    joiner = make_user("enterprise", email="nguoi-la@test.vn")
    request = representative_request_join(user=joiner, tax_code=world.enterprise.tax_code, position="Nhân viên")
    assert request.status == RepresentativeStatus.PENDING
    joiner_draft = services.application_create_draft(scheme=world.scheme, actor=joiner)
    services.application_update_draft(application=joiner_draft, actor=joiner, project_title="Dự án của người lạ")
    joiner_file = services.application_add_document(application=joiner_draft, actor=joiner, uploaded=pdf_upload())
    return world, joiner, request, filed, own_draft, joiner_draft, joiner_file


def test_the_pending_joiner_gets_404_on_the_enterprise_and_its_applications(joiner_world, client_for):
    world, joiner, _request, filed, own_draft, joiner_draft, _file = joiner_world
    c = client_for(joiner)
    assert c.get(reverse("enterprises:detail", args=[world.enterprise.pk])).status_code == 404
    assert c.get(reverse("enterprises:edit", args=[world.enterprise.pk])).status_code == 404
    for application in (filed, own_draft):
        assert c.get(reverse("applications:detail", args=[application.pk])).status_code == 404
        assert c.get(reverse("applications:timeline", args=[application.pk])).status_code == 404
        document = application.documents.first()
        assert c.get(reverse("applications:document", args=[application.pk, document.pk])).status_code == 404
    listing = c.get(reverse("applications:mine")).content.decode()
    assert reverse("applications:detail", args=[joiner_draft.pk]) in listing
    assert reverse("applications:detail", args=[filed.pk]) not in listing
    assert filed.reference_code not in listing
    assert c.get(reverse("applications:detail", args=[joiner_draft.pk])).status_code == 302  # to its task list
    mine = c.get(reverse("enterprises:mine")).content.decode()
    assert reverse("enterprises:detail", args=[world.enterprise.pk]) not in mine


def test_the_representative_does_not_see_the_joiners_draft_or_its_files(joiner_world, client_for):
    world, _joiner, _request, filed, own_draft, joiner_draft, joiner_file = joiner_world
    c = client_for(world.rep)
    listing = c.get(reverse("applications:mine")).content.decode()
    assert reverse("applications:detail", args=[joiner_draft.pk]) not in listing
    assert reverse("applications:detail", args=[own_draft.pk]) in listing
    assert reverse("applications:detail", args=[filed.pk]) in listing
    assert c.get(reverse("applications:detail", args=[joiner_draft.pk])).status_code == 404
    assert c.get(reverse("applications:document", args=[joiner_draft.pk, joiner_file.pk])).status_code == 404
    page = c.get(reverse("enterprises:detail", args=[world.enterprise.pk])).content.decode()
    assert "Dự án của người lạ" not in page
    with pytest.raises(PermissionDenied, match="Bạn không được thực hiện thao tác này với hồ sơ"):
        services.application_update_draft(application=joiner_draft, actor=world.rep, project_title="Sửa trộm")
    joiner_draft.refresh_from_db()
    assert joiner_draft.project_title == "Dự án của người lạ"


def test_once_verified_the_joiner_sees_the_enterprise_and_keeps_the_draft(joiner_world, client_for):
    world, joiner, request, filed, _own_draft, joiner_draft, _file = joiner_world
    representative_verify(representative=request, actor=world.staff)
    c = client_for(joiner)
    assert c.get(reverse("enterprises:detail", args=[world.enterprise.pk])).status_code == 200
    assert c.get(reverse("applications:detail", args=[filed.pk])).status_code == 200
    joiner_draft.refresh_from_db()
    assert (joiner_draft.status, joiner_draft.applicant_id) == (Status.DRAFT, joiner.pk)
