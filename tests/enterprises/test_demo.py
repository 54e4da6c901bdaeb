import pytest
from stdnum.vn import mst

from accounts.demo import seed_accounts
from core.models import AuditEvent
from enterprises.demo import SECOND_ENTERPRISES, quang_nam_enterprises, seed_enterprises
from enterprises.models import Enterprise, Representative


@pytest.mark.django_db
def test_demo_enterprises_are_realistic_and_seeding_twice_changes_nothing():
    seed_accounts()
    seed_enterprises()
    everything = Enterprise.objects.select_related("unit__parent", "sector")
    assert everything.count() == 307  # 301 in Quảng Nam, 6 in the second agency's province
    assert all(mst.is_valid(e.tax_code) for e in everything)
    assert sorted(e.name for e in everything if e.unit.code == "51") == sorted(n for n, *_ in SECOND_ENTERPRISES)
    enterprises = quang_nam_enterprises().select_related("unit__parent", "sector")
    assert len({e.unit.parent.code for e in enterprises}) == 18  # every Quảng Nam district-level unit
    assert len({e.sector.code for e in enterprises}) >= 25
    assert {e.size_class for e in enterprises} == {"micro", "small", "medium", "large"}
    models = [e for e in enterprises if e.is_model]
    assert len(models) >= 5
    assert all(2022 <= e.model_since.year <= 2024 for e in models)
    rep = Representative.objects.get(user__email="enterprise@demo.vn")
    assert (rep.status, rep.enterprise.name) == ("verified", "Công ty Cổ phần Thực phẩm Xanh Quảng Nam")
    assert Representative.objects.count() == 5
    assert set(Representative.objects.values_list("status", flat=True)) == {"verified", "pending", "rejected"}

    state = (Enterprise.history.count(), AuditEvent.objects.count(), Representative.objects.count())
    seed_enterprises()
    assert (Enterprise.history.count(), AuditEvent.objects.count(), Representative.objects.count()) == state
