"""The Ministry's roll-up: frozen figures of finalised reports, live facts elsewhere, marked; the
national totals against Decision 1322's targets (data); the export; the national role only."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core import clock
from core.models import AuditEvent
from national.models import NationalTarget
from national.rollup import national_rollup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen(datetime.date(2026, 12, 1)):
        yield


def test_decision_1322_targets_are_data():
    targets = {t.code: (t.measure, t.measure_arg, t.year, t.target_low) for t in NationalTarget.objects.all()}
    assert targets["experts-2025"] == ("training.person_times", "expert", 2025, Decimal(600))
    assert targets["models-2030"] == ("enterprises.model_enterprises", "", 2030, Decimal(100))


def test_agencies_side_by_side_from_frozen_or_live_figures_and_national_totals(nation):
    rollup = national_rollup()
    rows = {row.agency.code: row for row in rollup.agencies}
    assert rows["agency-b"].sources == ["final"]
    assert rows["agency-b"].cells["experts-2025"] == Decimal(250)  # the frozen figures, not the raw rows (0)
    assert rows[nation.a.code].sources == ["live"]
    assert rows[nation.a.code].cells["experts-2025"] == Decimal(3)
    total = rollup.totals["experts-2025"]
    assert (total.value, total.percent, total.status) == (Decimal(253), Decimal("42.17"), "below")
    assert total.yearly == {2021: Decimal(100), 2022: Decimal(3), 2023: Decimal(150)}
    assert rollup.totals["experts-2030"].percent == Decimal("25.30")
    # An edited target is read as edited.
    NationalTarget.objects.filter(code="experts-2025").update(target_low=200)
    assert national_rollup().totals["experts-2025"].status == "within"


def test_the_national_role_sees_the_page_and_no_one_else(nation, make_user, client_for, users):
    page = client_for(make_user("national")).get(reverse("national:rollup"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-agency="agency-b"' in html
    assert 'data-source="final"' in html
    assert 'data-source="live"' in html
    assert "253 lượt" in html
    for role in ("staff", "leader", "admin", "enterprise", "partner"):
        assert client_for(users[role]).get(reverse("national:rollup")).status_code == 403


def test_the_roll_up_exports_as_csv_and_xlsx(nation, make_user, client_for):
    client = client_for(make_user("national"))
    response = client.get(reverse("national:export", args=["csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_agency = {r[0]: r for r in rows}
    assert by_agency["Sở Khoa học và Công nghệ Bình Thử"][2] == "250"
    assert by_agency["Cả nước"][2] == "253"
    assert AuditEvent.objects.filter(action="national.export").count() == 1
    response = client.get(reverse("national:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0][2] == "Chuyên gia năng suất chất lượng được đào tạo đến năm 2025 (lượt)"
    assert [r for r in values if r[0] == "Cả nước"][0][2] == 253
    assert client.get(reverse("national:export", args=["pdf"])).status_code == 404
