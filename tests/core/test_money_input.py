"""Money typed the Vietnamese way: thousands separated by dots (or spaces), whole đồng only."""

import pytest
from django import forms

from core.money_input import MoneyField, parse_money


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("180.000.000", 180_000_000),
        ("180 000 000", 180_000_000),
        ("180000000", 180_000_000),
        (" 1.234.567 ₫", 1_234_567),
        ("999", 999),
        ("0", 0),
    ],
)
def test_grouped_and_plain_amounts_are_read(text, value):
    assert parse_money(text) == value


@pytest.mark.parametrize("text", ["180.00.000", "1.5", "180,000,000", "180.000 000", "1,5", "12a", "-5", ".000", ""])
def test_anything_else_is_refused(text):
    with pytest.raises(ValueError, match="not an amount in whole đồng"):
        parse_money(text)


class Form(forms.Form):
    amount = MoneyField(label="Số tiền", min_value=1)


def test_the_field_is_a_grouped_numeric_text_input_and_says_what_it_wants():
    html = str(Form(initial={"amount": 180_000_000})["amount"])
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert "data-money" in html
    assert 'value="180.000.000"' in html
    assert "min=" not in html
    assert "step=" not in html
    bad = Form({"amount": "180,5"})
    assert not bad.is_valid()
    assert bad.errors["amount"] == [
        "Nhập số tiền bằng số nguyên đồng, chỉ gồm chữ số hoặc có dấu chấm phân cách hàng nghìn (ví dụ 180.000.000)."
    ]
    assert 'value="180,5"' in str(bad["amount"])  # what was typed comes back as it was
    assert [e.code for e in Form({"amount": "0"}).errors.as_data()["amount"]] == ["min_value"]
