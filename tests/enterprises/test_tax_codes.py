import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from enterprises.validators import normalise_tax_code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0100233488", "0100233488"),
        ("0314409058", "0314409058"),
        ("0312687878", "0312687878"),
        ("0100112437", "0100112437"),
        (" 01.00.112.437 ", "0100112437"),
        ("0312 68 78 78", "0312687878"),
        ("0314409058-002", "0314409058-002"),
        ("0314409058 - 002", "0314409058-002"),
        ("0314409058002", "0314409058-002"),
        ("0100233488-999", "0100233488-999"),
    ],
)
def test_valid_codes_are_normalised(raw, expected):
    assert normalise_tax_code(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            "0100233480",
            "Chữ số kiểm tra của mã số thuế 0100233480 không đúng: hãy đối chiếu với giấy chứng nhận đăng ký.",
        ),
        (
            "010023348",
            "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số đối với chi nhánh (NNNNNNNNNN-NNN); 010023348 có 9 chữ số.",
        ),
        (
            "01002334881",
            "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số đối với chi nhánh (NNNNNNNNNN-NNN); 01002334881 có 11 chữ số.",
        ),
        ("0314409058-000", "Hậu tố chi nhánh từ 001 đến 999; -000 không phải là chi nhánh: 0314409058-000."),
        ("01002334AB", "Mã số thuế chỉ gồm chữ số (và dấu gạch ngang trước hậu tố chi nhánh): 01002334AB."),
        ("", "Hãy nhập mã số thuế."),
    ],
)
def test_invalid_codes_fail_in_vietnamese(raw, message):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        normalise_tax_code(raw)
    assert error.value.messages == [message]


def test_digits_three_to_nine_all_zero_are_refused():
    with (
        translation.override("vi"),
        pytest.raises(ValidationError, match=r"0100000001 không phải là mã số thuế hợp lệ\."),
    ):
        normalise_tax_code("0100000001")
