"""Application files are stored under the detected type, whatever the client called them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programs.applications import services

from .conftest import make_draft
from .factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def test_an_upload_named_html_is_stored_and_served_as_the_pdf_it_is(world, client_for):
    application = make_draft(world)
    document = services.application_add_document(
        application=application,
        actor=world.rep,
        uploaded=SimpleUploadedFile("trang.html", PDF_BYTES, content_type="text/html"),
    )
    assert document.file.name.endswith(".pdf")
    assert document.content_type == "application/pdf"
    assert document.original_name == "trang.html"
    response = client_for(world.rep).get(reverse("applications:document", args=[application.pk, document.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="trang.html"')
