"""The migration to agencies keeps existing rows: each plan's printed agency becomes an agency,
and partners, news and courses follow their plan (or the first agency)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("programs", "0004_sane_bounds"), ("training", "0005_sane_bounds")]
AFTER = [("programs", "0005_agencies"), ("training", "0006_course_agency")]


@pytest.fixture
def latest_schema_after():
    """Back to the latest migrations afterwards: the transactional tests that follow (pytest-django
    runs them last) need every table, also those of migrations that depend on the ones unapplied here."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_plans_partners_news_and_courses_get_their_agency(latest_schema_after):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Plan, Partner, News = (old.get_model("programs", m) for m in ("Plan", "PartnerOrganisation", "NewsPost"))
    Course, Kind = old.get_model("training", "Course"), old.get_model("training", "CourseKind")
    common = {"issuing_body": "UBND", "start_year": 2021, "end_year": 2025, "status": "active"}
    qn = Plan.objects.create(
        title="QN",
        province_name="Quảng Nam",
        parent_agency="UBND TỈNH QUẢNG NAM",
        agency="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        agency_abbreviation="SKHCN",
        report_place="Quảng Nam",
        **common,
    )
    Plan.objects.create(
        title="QN 2",
        province_name="Quảng Nam",
        parent_agency="UBND TỈNH QUẢNG NAM",
        agency="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        **common,
    )
    dn = Plan.objects.create(
        title="ĐN", province_name="Đà Nẵng", parent_agency="UBND THÀNH PHỐ ĐÀ NẴNG", agency="SỞ KH&CN", **common
    )
    Partner.objects.create(name="Sở Công Thương")
    News.objects.create(title="Tin", slug="tin", body=".", plan=dn)
    kind, _ = Kind.objects.get_or_create(code="manager", defaults={"name": "Quản lý"})
    day = datetime.date(2022, 5, 1)
    course_args = {"kind": kind, "organiser": "Sở", "start_date": day, "end_date": day, "capacity": 5}
    Course.objects.create(title="Khóa 1", plan=dn, **course_args)
    Course.objects.create(title="Khóa 2", **course_args)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Agency = new.get_model("programs", "Agency")
    agencies = {a.parent_name: a for a in Agency.objects.all()}
    assert set(agencies) == {"UBND TỈNH QUẢNG NAM", "UBND THÀNH PHỐ ĐÀ NẴNG"}
    quang_nam, da_nang = agencies["UBND TỈNH QUẢNG NAM"], agencies["UBND THÀNH PHỐ ĐÀ NẴNG"]
    assert (quang_nam.printed_name, quang_nam.abbreviation, quang_nam.place_name, quang_nam.code_prefix) == (
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "SKHCN",
        "Quảng Nam",
        "NSCL",
    )
    assert da_nang.code_prefix == "NSCL-B"
    Plan, Partner, News, Course = (
        new.get_model("programs", "Plan"),
        new.get_model("programs", "PartnerOrganisation"),
        new.get_model("programs", "NewsPost"),
        new.get_model("training", "Course"),
    )
    assert dict(Plan.objects.values_list("title", "agency_id")) == {
        "QN": quang_nam.pk,
        "QN 2": quang_nam.pk,
        "ĐN": da_nang.pk,
    }
    assert Plan.objects.get(pk=qn.pk).agency_id == quang_nam.pk
    assert Partner.objects.get().agency_id == quang_nam.pk  # the first agency
    assert News.objects.get().agency_id == da_nang.pk  # its plan's
    assert dict(Course.objects.values_list("title", "agency_id")) == {"Khóa 1": da_nang.pk, "Khóa 2": quang_nam.pk}
