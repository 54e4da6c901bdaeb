"""HTML responses are compressed for clients that accept it; file downloads are not (see
test_storage_s3: they stream as stored, with their Content-Length)."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_html_pages_are_gzipped_for_clients_that_accept_it(client):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    page = gzip.decompress(response.content).decode()
    assert "nâng cao năng suất" in page
    assert int(response["Content-Length"]) < len(page.encode()) / 2


def test_a_client_that_does_not_accept_gzip_gets_plain_html(client):
    response = client.get("/")
    assert not response.has_header("Content-Encoding")
    assert "nâng cao năng suất" in response.content.decode()
