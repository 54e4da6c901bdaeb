"""Sane bounds on dates, years, names and money, shared by forms, services and imports."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from core.bounds import MAX_MONEY
from core.importing import cell_date, cell_int
from enterprises.models import Enterprise
from programs.applications.models import SupportApplication
from training.models import Participant

ZERO_WIDTH_NAME = "\u200b\u200c\u200d\ufeff \u2060"


def field_errors(instance, **values) -> dict:
    for name, value in values.items():
        setattr(instance, name, value)
    try:
        instance.clean_fields(exclude=[f.name for f in instance._meta.fields if f.name not in values])
    except ValidationError as error:
        return error.message_dict
    return {}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"founded_on": datetime.date(1, 1, 1)}, "founded_on"),
        ({"founded_on": datetime.date(9999, 12, 31)}, "founded_on"),
        ({"figures_year": 0}, "figures_year"),
        ({"figures_year": 10**22}, "figures_year"),
        ({"figures_year": 2101}, "figures_year"),
        ({"name": ZERO_WIDTH_NAME}, "name"),
        ({"revenue": MAX_MONEY + 1}, "revenue"),
    ],
)
def test_the_enterprise_refuses_values_out_of_bounds(values, field):
    assert field in field_errors(Enterprise(tax_code="0100233488", name="Công ty Một"), **values)


def test_the_limits_themselves_are_accepted():
    enterprise = Enterprise(tax_code="0100233488", name="Công ty Một")
    assert (
        field_errors(
            enterprise,
            founded_on=datetime.date(1900, 1, 1),
            figures_year=2100,
            revenue=MAX_MONEY,
            name="Công ty\u200b Một",
        )
        == {}
    )


def test_an_eligible_cost_of_nine_quintillion_is_refused():
    errors = field_errors(SupportApplication(), eligible_cost=9_200_000_000_000_000_000)
    assert errors["eligible_cost"] == ["Nhập số tiền không quá 1.000.000.000.000.000 đồng."]


def test_a_participant_named_with_zero_width_spaces_is_refused():
    assert field_errors(Participant(), full_name=ZERO_WIDTH_NAME)["full_name"] == [
        "Nhập nội dung có ít nhất một ký tự nhìn thấy được."
    ]


def test_imported_dates_and_money_are_bounded():
    with pytest.raises(ValidationError, match="phải trong khoảng từ 01/01/1900 đến 31/12/2100"):
        cell_date("01/01/0001", "Ngày thành lập")
    with pytest.raises(ValidationError, match="phải trong khoảng từ 01/01/1900 đến 31/12/2100"):
        cell_date(datetime.date(9999, 12, 31), "Ngày thành lập")
    with pytest.raises(ValidationError, match="không được lớn hơn 1.000.000.000.000.000"):
        cell_int(MAX_MONEY + 1, "Doanh thu", maximum=MAX_MONEY)
    assert cell_int(MAX_MONEY, "Doanh thu", maximum=MAX_MONEY) == MAX_MONEY
