"""The diacritics-insensitive enterprise search reads a folded copy of the searched fields, kept
on every write, with a trigram index on PostgreSQL; its answers are the old unaccent scan's."""

import itertools

import pytest
from django.db import connection
from django.db.models import Q

from core.text import unaccent
from enterprises.filters import search
from enterprises.models import Enterprise
from tests.conftest import ON_POSTGRES
from tests.enterprises.factories import EnterpriseFactory, valid_tax_code

pytestmark = pytest.mark.django_db

NAMES = [
    ("Công ty TNHH Nguyễn Văn Đức", "NVĐ", "12 Hùng Vương, Tam Kỳ"),
    ("CÔNG TY CỔ PHẦN ĐÀ NẴNG XANH", "", "Thôn 3, xã Quế Lộc"),
    ("Hợp tác xã Nông sản Quế Sơn", "HTX Quế Sơn", ""),
    ("Doanh nghiệp tư nhân Nguyên Phát", "Nguyên Phát", "45 Phan Chu Trinh"),
    ("Công ty 100% vốn Việt_Nam", "", "Khu công nghiệp Điện Nam - Điện Ngọc"),
]
TERMS = [
    "nguyen",
    "NGUYỄN",
    "duc",
    "đức",
    "da nang",
    "que",
    "quế sơn",
    "cong ty",
    "nguyen phat",
    "100%",
    "viet_nam",
    "dien nam - dien",
    "tam ky",
    "phan chu",
    "htx",
    "xanh",
    "hợp tác",
    "zzz",
    "  cong   ty  ",
]


def old_search(queryset, value):
    """The search as it was: unaccent + icontains on each field, the tax code without spaces or dots."""
    term = unaccent(" ".join(value.split()))
    condition = Q()
    for field in ("name", "short_name", "address"):
        condition |= Q(**{f"{field}__unaccent__icontains": term})
    condition |= Q(tax_code__icontains=term.replace(" ", "").replace(".", ""))
    return queryset.filter(condition)


@pytest.fixture
def named():
    return [EnterpriseFactory(name=n, short_name=s, address=a) for n, s, a in NAMES]


def test_results_equal_the_old_unaccent_scan(named):
    answers = {}
    for term in TERMS:
        new = sorted(search(Enterprise.objects.all(), term).values_list("pk", flat=True))
        assert new == sorted(old_search(Enterprise.objects.all(), term).values_list("pk", flat=True)), term
        answers[term] = new
    by_pk = {e.pk: e.name for e in named}
    assert [by_pk[pk] for pk in answers["nguyen"]] == [NAMES[0][0], NAMES[3][0]]
    assert answers["zzz"] == []
    code = named[2].tax_code
    for typed in (code, f"{code[:3]} {code[3:6]}.{code[6:]}"):
        assert list(search(Enterprise.objects.all(), typed)) == [named[2]]


def test_search_text_follows_every_write(named):
    e = named[0]
    assert e.search_text == f"cong ty tnhh nguyen van duc\nnvd\n12 hung vuong, tam ky\n{e.tax_code}"
    e.name = "Công ty Lê Thị Hoà"
    e.save(update_fields=["name"])
    assert Enterprise.objects.get(pk=e.pk).search_text.startswith("cong ty le thi hoa\n")
    created = Enterprise.objects.bulk_create([Enterprise(tax_code=valid_tax_code(900), name="Xưởng Gỗ Phú Ninh")])
    assert Enterprise.objects.get(pk=created[0].pk).search_text == f"xuong go phu ninh\n\n\n{valid_tax_code(900)}"
    e.address = "Đường Bạch Đằng"
    Enterprise.objects.bulk_update([e], ["address"])
    assert Enterprise.objects.get(pk=e.pk).search_text.split("\n")[2] == "duong bach dang"
    assert list(search(Enterprise.objects.all(), "bach dang")) == [e]
    assert list(search(Enterprise.objects.all(), "nguyen van duc")) == []


def test_a_term_never_spans_two_fields(named):
    # "...Tam Kỳ" ends the address and the tax code follows on the next line of search_text.
    assert list(search(Enterprise.objects.all(), "ky nvd")) == []
    assert list(search(Enterprise.objects.all(), "nvd 12")) == []


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="the trigram index is PostgreSQL's")
def test_the_trigram_index_serves_the_search(named):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'enterprises_search_trgm'")
        (definition,) = cursor.fetchone()
    assert "USING gin (search_text gin_trgm_ops)" in definition
    Enterprise.objects.bulk_create(
        Enterprise(tax_code=valid_tax_code(1000 + i), name=f"Công ty {a} {b} số {i}")
        for i, (a, b) in enumerate(
            itertools.islice(
                itertools.cycle(
                    itertools.product(
                        ["Hưng Thịnh", "Phú Quý", "Tân Tiến", "Hoà Bình"], ["Thương mại", "Xây dựng", "Dịch vụ"]
                    )
                ),
                2000,
            )
        )
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE enterprises_enterprise")
    queryset = search(Enterprise.objects.all(), "nguyen van")
    # The filter is what the index serves (the order by name has an index of its own, which a tiny
    # table may prefer to walk).
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SET LOCAL enable_seqscan = off"
        )  # the test table is small; the plan must be able to use the index
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "enterprises_search_trgm" in plan, plan
    assert "Seq Scan" not in plan, plan
    assert [e.name for e in queryset] == [NAMES[0][0]]
