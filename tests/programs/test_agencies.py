"""Agencies: who works on whose records, who is in charge after a merger, and their own rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from programs.agencies import agencies_in_charge_of, agency_ids_for, member_agencies

from .factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    """Three generations: a district department merged into a province's, itself into a city's."""
    oldest = AgencyFactory(code="oldest", valid_to=datetime.date(2019, 12, 31))
    middle = AgencyFactory(code="middle", predecessor=oldest, valid_to=datetime.date(2025, 6, 30))
    city = AgencyFactory(code="city", predecessor=middle, valid_from=datetime.date(2025, 7, 1))
    other = AgencyFactory(code="other")
    return oldest, middle, city, other


def test_a_member_works_on_the_records_of_the_agencies_theirs_took_over(chain, make_user):
    oldest, middle, city, other = chain
    assert agency_ids_for(make_user("staff", agency=city)) == {city.pk, middle.pk, oldest.pk}
    assert agency_ids_for(make_user("leader", agency=middle)) == {middle.pk, oldest.pk}
    assert agency_ids_for(make_user("finance", agency=other)) == {other.pk}
    assert agency_ids_for(make_user("staff", agency=None)) == frozenset()
    enterprise = make_user("enterprise")
    city.members.add(enterprise)  # an enterprise user is never scoped by agency
    assert agency_ids_for(enterprise) == frozenset()
    assert list(member_agencies(enterprise)) == []


def test_whose_users_work_on_an_agency_records_and_who_signs_on_a_date(chain):
    oldest, middle, city, other = chain
    assert agencies_in_charge_of(oldest.pk) == {oldest.pk, middle.pk, city.pk}
    assert agencies_in_charge_of(other.pk) == {other.pk}
    assert middle.in_charge_on(datetime.date(2025, 6, 30)) == middle
    assert middle.in_charge_on(datetime.date(2025, 7, 1)) == city
    assert oldest.in_charge_on(datetime.date(2026, 1, 5)) == city
    assert other.in_charge_on(datetime.date(2030, 1, 1)) == other


def test_an_agency_checks_its_code_prefix_and_its_reporting_rule():
    agency = AgencyFactory.build(code="x", code_prefix="NSCL-2026", data_year_start_month=2, data_year_start_day=30)
    with pytest.raises(ValidationError) as refusal:
        agency.full_clean()
    assert refusal.value.message_dict == {
        "code_prefix": ["Dùng chữ in hoa, có thể chia nhóm bằng dấu gạch ngang (ví dụ NSCL-DNG)."],
        "data_year_start_day": ["Tháng này không có ngày đó."],
    }
    agency = AgencyFactory.build(code="y", code_prefix="NSCL-QNG")
    agency.full_clean()
    assert (agency.data_year_start_month, agency.data_year_start_day) == (12, 15)  # Decree 09/2019
