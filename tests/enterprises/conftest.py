import pytest
from django.core.management import call_command


@pytest.fixture
def reference_data(db):
    """VSIC 2018 and the Quảng Nam / Đà Nẵng units with their mappings, from the fixtures."""
    call_command("units_import", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123


@pytest.fixture
def staff(make_user):
    return make_user("staff", email="chuyenvien@test.vn")
