"""The open-data API: public aggregates (JSON, CSV) per agency and the national roll-up, with
HTTP caching; the OpenAPI description; Ministry tokens (hashed, audited) for the breakdown."""

import csv
import datetime
import io

import pytest

from core import clock
from core.models import AuditEvent
from national.models import ApiToken, hash_key
from national.tokens import token_issue, token_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen(datetime.date(2026, 12, 1)):
        yield


def test_public_aggregates_of_an_agency_with_http_caching(client, nation):
    url = f"/api/v1/agencies/{nation.a.code}/aggregates"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Last-Modified"]
    data = response.json()
    plan = data["plans"][0]
    assert plan["source"] == "live"
    experts = next(i for i in plan["indicators"] if i["code"] == "A1")
    assert experts["yearly"] == [{"year": 2022, "value": 3}]
    # Fewer enterprises with outcome data than the minimum group: nothing but that fact.
    assert plan["outcomes"] == {"min_group": 3, "shown": False}
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    assert client.get(f"/api/v1/agencies/{nation.b.code}/aggregates").json()["plans"][0]["source"] == "final"
    assert client.get("/api/v1/agencies/nowhere/aggregates").status_code == 404


def test_public_aggregates_as_csv(client, nation):
    response = client.get(f"/api/v1/agencies/{nation.b.code}/aggregates?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["agency", "plan", "source", "indicator", "name", "unit", "year", "value"]
    assert [r[6:] for r in rows[1:]] == [["2021", "100"], ["2023", "150"]]
    assert response["ETag"]


def test_the_national_roll_up_and_the_openapi_description(client, nation):
    data = client.get("/api/v1/national").json()
    experts = next(t for t in data["targets"] if t["code"] == "experts-2025")
    assert (experts["national_value"], experts["percent_of_target"], experts["status"]) == (253, 42.17, "below")
    agencies = {a["code"]: a for a in data["agencies"]}
    assert agencies["agency-b"]["sources"] == ["final"]
    assert agencies["agency-b"]["values"]["experts-2025"] == 250
    csv_body = client.get("/api/v1/national?format=csv").content.decode("utf-8-sig")
    assert "Cả nước,,253" in csv_body
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/national", "/api/v1/agencies/{code}/aggregates", "/api/v1/agencies/{code}/breakdown"} <= set(
        schema["paths"]
    )
    assert schema["paths"]["/api/v1/agencies/{code}/breakdown"]["get"]["security"] == [{"MinistryToken": []}]


def test_the_breakdown_needs_a_ministry_token_stored_hashed_and_audited(client, nation, users):
    url = f"/api/v1/agencies/{nation.a.code}/breakdown"
    assert client.get(url).status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Bearer ns_guess").status_code == 401
    token, key = token_issue(name="Hệ thống báo cáo của Bộ", actor=users["admin"])
    assert ApiToken.objects.get().key_hash == hash_key(key)
    assert not ApiToken.objects.filter(key_hash=key).exists()
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    facts = response.json()["facts"]
    assert sum(f["value"] for f in facts if f["indicator"] == "A1") == 3
    assert {f["year"] for f in facts if f["indicator"] == "A1"} == {2022}
    assert AuditEvent.objects.filter(action="national.token_used").count() == 1
    assert AuditEvent.objects.filter(action="national.token_issued").count() == 1
    token_revoke(token=token, actor=users["admin"], reason="rotated")
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert AuditEvent.objects.filter(action="national.token_revoked").count() == 1


def test_an_administrator_issues_a_token_in_the_admin_and_sees_its_key_once(users, client_for):
    admin = users["admin"]
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    client = client_for(admin)
    response = client.post("/admin/national/apitoken/add/", {"name": "Hệ thống của Bộ"}, follow=True)
    assert response.status_code == 200
    shown = [m.message for m in response.context["messages"]]
    token = ApiToken.objects.get()
    key = next(text.rsplit(": ", 1)[1] for text in shown if token.prefix in text)
    assert token.key_hash == hash_key(key)
    assert token.created_by == admin
    assert AuditEvent.objects.filter(action="national.token_issued", actor=admin).count() == 1
    assert client.get(f"/api/v1/agencies/{'x'}/breakdown", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 404
