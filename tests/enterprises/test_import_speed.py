"""What makes the enterprise import fast keeps it right: history rows copied by the database,
openpyxl read once, queries per batch of 500, and every refused row still reported."""

import io
import random

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import importing
from core.importing import openpyxl_speed
from core.text import _unaccent_slow, unaccent
from enterprises.models import Enterprise
from enterprises.services import enterprises_import
from tests.enterprises.factories import valid_tax_code

pytestmark = pytest.mark.django_db
HEADER = ["Tax code", "Name", "Address", "Employees"]


def workbook(rows, *, write_only=True) -> bytes:
    wb = openpyxl.Workbook(write_only=write_only)
    ws = wb.create_sheet("doanh-nghiep") if write_only else wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def rows(n, start=0, name="Công ty Thử {i}"):
    return [[valid_tax_code(start + i), name.format(i=i), f"{i} Hùng Vương", i % 50] for i in range(n)]


def test_history_rows_are_those_simple_history_writes(make_user):
    staff = make_user("staff", email="nhap@test.vn")
    first = enterprises_import(source=workbook(rows(3)), actor=staff)
    assert first.counts["create"] == 3
    history = list(
        Enterprise.history.order_by("tax_code").values_list(
            "tax_code", "name", "employees", "history_type", "history_user_id", "history_change_reason"
        )
    )
    assert history == [(valid_tax_code(i), f"Công ty Thử {i}", i, "+", staff.pk, "") for i in range(3)]
    second = enterprises_import(source=workbook(rows(3, name="Công ty Mới {i}")), actor=staff)
    assert second.counts["update"] == 3
    e = Enterprise.objects.get(tax_code=valid_tax_code(1))
    newer, older = e.history.order_by("-history_id")[:2]
    assert (newer.history_type, newer.name, older.name) == ("~", "Công ty Mới 1", "Công ty Thử 1")
    assert [c.field for c in newer.diff_against(older).changes if c.field != "updated_at"] == ["name"]
    assert e.search_text.startswith("cong ty moi 1\n")


def test_queries_grow_by_batch_not_by_row(make_user):
    staff = make_user("staff", email="nhap@test.vn")

    def queries(n, start):
        with CaptureQueriesContext(connection) as ctx:
            report = enterprises_import(source=workbook(rows(n, start=start)), actor=staff)
        assert report.counts["create"] == n
        return len(ctx.captured_queries)

    q500, q1000, q1500 = queries(500, 0), queries(1000, 1000), queries(1500, 3000)
    assert q1000 - q500 == q1500 - q1000
    assert q1000 - q500 <= 4  # per batch of 500: look up, insert, history (and a savepoint pair at most)


def test_every_refused_row_is_still_reported(make_user):
    good = rows(1200)
    for i in range(0, 1200, 4):
        code = good[i][0]
        good[i][0] = code[:-1] + str((int(code[-1]) + 1) % 10)  # a wrong check digit
    good[5][1] = ""  # a missing name
    report = enterprises_import(source=workbook(good), actor=make_user("staff", email="nhap@test.vn"))
    assert report.counts == {"create": 899, "update": 0, "unchanged": 0, "error": 301}
    assert sorted(r.row_number for r in report.errors) == sorted([i + 2 for i in range(0, 1200, 4)] + [7])
    assert all(r.errors for r in report.errors)
    assert Enterprise.objects.count() == 899
    assert Enterprise.history.count() == 899


def test_sheet_without_dimension_and_rich_inline_text_read_as_before():
    # openpyxl's write-only files have no <dimension>; a normal workbook has one.
    for write_only in (True, False):
        importer = importing.SpreadsheetImporter()
        importer.columns = (importing.Column("tax_code", "Tax code"), importing.Column("name", "Name"))
        read = list(importer._read(workbook(rows(3), write_only=write_only)))
        assert [r[1]["name"] for r in read] == ["Công ty Thử 0", "Công ty Thử 1", "Công ty Thử 2"]
        assert importer._row_estimate == (None if write_only else 4)
    plain = openpyxl_speed._InlineText.from_tree(_inline("<is><t>Hà Nội</t></is>"))
    rich = openpyxl_speed._InlineText.from_tree(
        _inline("<is><r><t>Hà </t></r><r><t>Nội</t></r><rPh sb='0' eb='1'><t>x</t></rPh></is>")
    )
    assert (plain.content, rich.content) == ("Hà Nội", "Hà Nội")


def _inline(xml):
    from xml.etree.ElementTree import fromstring  # noqa: S405 - a literal of the test

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return fromstring(xml.replace("<is>", f'<is xmlns="{ns}">'))  # noqa: S314


def test_fast_unaccent_equals_the_slow_one():
    rng = random.Random(16)
    vietnamese = "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
    pool = list(vietnamese + vietnamese.upper() + " \u0300\u0301\u0303\u0309\u0323ǿøłßΩ日") + ["e\u0301"]
    for _ in range(5000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert unaccent(text) == _unaccent_slow(text), repr(text)
    assert unaccent("NGUYỄN Văn Đức") == "NGUYEN Van Duc"
