import datetime
import io

from django.core.management import call_command
from django.db.models import F

from enterprises.models import AdministrativeUnit, Sector, UnitMapping
from enterprises.selectors import UnitRollup, unit_rollup, units_valid_in, units_valid_on
from enterprises.services import reference_data_load, units_import

D = datetime.date


def unit(code, on):
    return units_valid_on(on).get(code=code)


def test_fixtures_load_every_version_and_mapping(reference_data):
    assert AdministrativeUnit.objects.count() == 273 + 95
    assert Sector.objects.filter(level=1).count() == 21
    assert Sector.objects.filter(level=2).count() == 88
    assert Sector.objects.get(code="C").size_group == "industry"
    assert Sector.objects.get(code="10").size_group == "industry"
    assert Sector.objects.get(code="F").size_group == "industry"
    assert Sector.objects.get(code="G").size_group == "services"
    assert Sector.objects.get(code="47").size_group == "services"
    # 13 same-code versions of Quảng Nam, 4 successors of 2025-01-01, 233 of 2025-07-01
    assert UnitMapping.objects.filter(effective_on=D(2025, 7, 1)).count() == 233
    assert UnitMapping.objects.filter(effective_on=D(2025, 1, 1)).count() == 7 + 4
    assert UnitMapping.objects.filter(effective_on=D(2023, 4, 10)).count() == 6


def test_reloading_changes_nothing(reference_data):
    before = (AdministrativeUnit.objects.count(), UnitMapping.objects.count())
    result = reference_data_load()
    assert result["quangnam"] == {"created": 0, "updated": 0, "unchanged": 273, "mappings": 0}
    assert result["danang"] == {"created": 0, "updated": 0, "unchanged": 95, "mappings": 0}
    assert result["mapping_2025_01"] == 0
    assert result["mapping_2025_07"] == 0
    assert (AdministrativeUnit.objects.count(), UnitMapping.objects.count()) == before


def test_units_valid_on_each_period(reference_data):
    def districts(day):
        return units_valid_on(day).filter(level="district").count()

    def communes(day):
        return units_valid_on(day).filter(level="commune", parent__parent__code="49").count()

    assert (districts(D(2021, 6, 1)), communes(D(2021, 6, 1))) == (18, 241)
    assert (districts(D(2025, 3, 1)), communes(D(2025, 3, 1))) == (17, 233)
    assert units_valid_on(D(2025, 8, 1)).filter(level="district").count() == 0
    assert units_valid_on(D(2025, 8, 1)).filter(parent__code="48").count() == 94
    assert unit("20560", D(2023, 4, 9)).kind == "xã"
    assert unit("20560", D(2023, 4, 10)).kind == "phường"
    # Nông Sơn exists in 2024, not in 2025; both years together show it once
    assert units_valid_in(D(2024, 1, 1), D(2025, 6, 30)).filter(code="519").count() == 1
    assert not units_valid_on(D(2025, 1, 1)).filter(code="519").exists()


def test_rollup_follows_mappings_to_the_unit_in_force(reference_data):
    son_vien = unit("20672", D(2024, 6, 1))
    assert unit_rollup(son_vien, on=D(2025, 3, 1)).name == "Xã Quế Lộc"
    assert unit_rollup(son_vien, on=D(2025, 3, 1)).parent.code == "509"
    assert unit_rollup(son_vien, on=D(2025, 8, 1)).name == "Xã Nông Sơn"
    assert unit_rollup(unit("519", D(2024, 1, 1)), on=D(2025, 3, 1)).code == "509"
    # a commune of 2021 that became a ward in 2023 and joined Phường Điện Bàn Bắc? — follow the table
    assert unit_rollup(unit("20560", D(2022, 1, 1)), on=D(2023, 5, 1)).kind == "phường"
    still = unit("20335", D(2024, 1, 1))
    assert unit_rollup(still, on=D(2024, 1, 1)) == still
    # a successor no source gives: unknown, never guessed
    assert unit_rollup(unit("20338", D(2024, 1, 1)), on=D(2025, 3, 1)) is None


def test_members_of_a_district_include_old_units_that_became_it(reference_data):
    que_son = unit("509", D(2025, 3, 1))
    members = UnitRollup(D(2025, 6, 30)).members(que_son)
    codes = set(AdministrativeUnit.objects.filter(pk__in=members).values_list("code", flat=True))
    assert {"509", "519", "20672", "20671", "20656"} <= codes
    assert "20335" not in codes


def test_a_later_official_list_closes_the_open_version(db):
    first = "code,name,level,parent_code,kind\n90,Tỉnh Thử,province,,tỉnh\n90001,Xã A,commune,90,xã\n"
    units_import(source=io.StringIO(first))
    later = "code,name,level,parent_code,kind\n90,Tỉnh Thử,province,,tỉnh\n90001,Phường A,commune,90,phường\n"
    counts = units_import(source=io.StringIO(later), valid_from=D(2027, 1, 1), basis_from="Nghị quyết thử")
    assert counts["created"] == 1  # the province did not change: its version stays open
    old, new = AdministrativeUnit.objects.filter(code="90001").order_by(F("valid_from").asc(nulls_first=True))
    assert old.valid_to == D(2026, 12, 31)
    assert new.valid_from == D(2027, 1, 1)
    assert unit_rollup(old, on=D(2027, 2, 1)) == new
    again = units_import(source=io.StringIO(later), valid_from=D(2027, 1, 1), basis_from="Nghị quyết thử")
    assert again == {"created": 0, "updated": 0, "unchanged": 2, "mappings": 0}
    assert AdministrativeUnit.objects.filter(code="90").count() == 1


def test_command_with_a_file(tmp_path, db):
    path = tmp_path / "list.csv"
    path.write_text("code,name,level,parent_code,kind\n91,Tỉnh Mới,province,,tỉnh\n", encoding="utf-8")
    out = io.StringIO()
    call_command("units_import", str(path), "--valid-from", "2027-01-01", stdout=out)
    assert "'created': 1" in out.getvalue()
    assert AdministrativeUnit.objects.get(code="91").valid_from == D(2027, 1, 1)


def test_enterprises_grouped_by_the_units_of_a_period(reference_data):
    from enterprises.models import Enterprise
    from enterprises.selectors import enterprise_counts_by_unit
    from tests.enterprises.factories import EnterpriseFactory

    EnterpriseFactory(unit=unit("20672", D(2024, 1, 1)))  # Sơn Viên, Nông Sơn
    EnterpriseFactory(unit=unit("20656", D(2024, 1, 1)))  # Trung Phước, Nông Sơn
    EnterpriseFactory(unit=unit("20335", D(2024, 1, 1)))  # Tân Thạnh, Tam Kỳ
    EnterpriseFactory(unit=unit("20338", D(2024, 1, 1)))  # Phước Hòa: successor unknown
    in_2024 = {
        u.code if u else None: n
        for u, n in enterprise_counts_by_unit(Enterprise.objects.all(), on=D(2024, 6, 30)).items()
    }
    assert in_2024 == {"519": 2, "502": 2}
    in_2025 = {
        u.code if u else None: n
        for u, n in enterprise_counts_by_unit(Enterprise.objects.all(), on=D(2025, 3, 1)).items()
    }
    assert in_2025 == {"509": 2, "502": 1, None: 1}
    after = enterprise_counts_by_unit(Enterprise.objects.all(), on=D(2025, 8, 1), level="commune")
    assert {u.name if u else None: n for u, n in after.items()} == {"Xã Nông Sơn": 2, "Phường Bàn Thạch": 1, None: 1}
