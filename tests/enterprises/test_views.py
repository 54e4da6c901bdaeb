import datetime
import io

import openpyxl
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEvent
from enterprises import sections
from enterprises.models import Enterprise, Representative
from enterprises.urls import urlpatterns
from tests.enterprises.factories import EnterpriseFactory, RepresentativeFactory, SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name="doanh-nghiep.xlsx"):
    return SimpleUploadedFile(name, content, content_type=XLSX)


# --- list, search, filters --------------------------------------------------------------------
def test_list_query_count_does_not_grow(client_for, users, page_queries):
    client = client_for(users["staff"])
    url = reverse("enterprises:list")
    filtered = url + "?q=cong+ty&sort=-revenue&page=3"

    def cold(address):  # nothing in the cache: the unfiltered total is counted too
        cache.clear()
        return page_queries(client, address)

    EnterpriseFactory.create_batch(10)
    for e in Enterprise.objects.all()[:5]:
        RepresentativeFactory(enterprise=e)
    small = cold(url), cold(filtered)
    EnterpriseFactory.create_batch(190)
    for e in Enterprise.objects.all()[5:60]:
        RepresentativeFactory(enterprise=e, status="pending")
    assert (cold(url), cold(filtered)) == small


@pytest.mark.django_db(transaction=True)  # the cached total is dropped when a save commits
def test_the_unfiltered_total_is_kept_until_a_record_changes(client_for, users):
    """At scale the total costs more than the page: it is counted once, then read from the cache
    until a record is saved (the filtered totals are always counted)."""
    client = client_for(users["staff"])
    url = reverse("enterprises:list")
    EnterpriseFactory.create_batch(3)
    cache.clear()

    def visit(address=url):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(address)
        counts = [
            q["sql"]
            for q in ctx.captured_queries
            if q["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "enterprises_enterprise"')
        ]
        return response.context["page"].paginator.count, len(counts)

    assert visit() == (3, 1)
    assert visit() == (3, 0)
    assert visit(url + "?size_class=micro") == (Enterprise.objects.filter(size_class="micro").count(), 1)
    EnterpriseFactory()
    assert visit() == (4, 1)
    assert visit() == (4, 0)


@pytest.fixture
def named(db):
    return [
        EnterpriseFactory(name="Công ty TNHH Quảng Nam Xanh", short_name="QN Xanh"),
        EnterpriseFactory(name="Doanh nghiệp tư nhân Đà Nẵng Mới"),
        EnterpriseFactory(name="HỢP TÁC XÃ NÔNG SẢN", address="Thôn 3, xã Quế Lộc"),
    ]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("quang nam", ["Công ty TNHH Quảng Nam Xanh"]),
        ("QUẢNG NAM", ["Công ty TNHH Quảng Nam Xanh"]),
        ("cong ty", ["Công ty TNHH Quảng Nam Xanh"]),
        ("da nang", ["Doanh nghiệp tư nhân Đà Nẵng Mới"]),
        ("hop tac xa", ["HỢP TÁC XÃ NÔNG SẢN"]),
        ("que loc", ["HỢP TÁC XÃ NÔNG SẢN"]),
        ("qn xanh", ["Công ty TNHH Quảng Nam Xanh"]),
        ("không có", []),
    ],
)
def test_search_ignores_diacritics_and_case(client_for, users, named, term, expected):
    """Runs on whichever database the suite uses: SQLite locally, PostgreSQL (unaccent) in CI."""
    response = client_for(users["staff"]).get(reverse("enterprises:list"), {"q": term})
    assert [e.name for e in response.context["page"]] == expected


def test_search_by_tax_code(client_for, users, named):
    code = named[1].tax_code
    response = client_for(users["staff"]).get(reverse("enterprises:list"), {"q": f"{code[:4]} {code[4:]}"})
    assert [e.pk for e in response.context["page"]] == [named[1].pk]


def test_filters(client_for, users, reference_data):
    from enterprises.models import AdministrativeUnit, Sector
    from enterprises.selectors import units_valid_on

    on_2024 = units_valid_on(datetime.date(2024, 6, 1))
    son_vien = on_2024.get(code="20672")  # Nông Sơn district until 2024, then Quế Sơn
    tam_ky = on_2024.get(code="20335")
    food = Sector.objects.get(code="10")
    shop = Sector.objects.get(code="47")
    EnterpriseFactory(name="A", unit=son_vien, sector=food, employees=5, revenue=10**9, is_model=True)
    b = EnterpriseFactory(name="B", unit=tam_ky, sector=shop, employees=500, revenue=10**12)
    RepresentativeFactory(enterprise=b)
    client = client_for(users["staff"])
    url = reverse("enterprises:list")

    def names(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return [e.name for e in response.context["page"]]

    que_son = AdministrativeUnit.objects.get(code="509")
    nong_son = AdministrativeUnit.objects.get(code="519")
    period_2025 = {"period_from": "2025-01-01", "period_to": "2025-06-30"}
    assert names(unit=que_son.pk, **period_2025) == ["A"]  # rolled up through the mapping
    assert names(unit=nong_son.pk, period_from="2022-01-01", period_to="2022-12-31") == ["A"]
    client_response = client.get(url, period_2025)
    assert nong_son not in client_response.context["filter"].form.fields["unit"].queryset
    assert names(sector=Sector.objects.get(code="C").pk) == ["A"]
    assert names(size_class="large") == ["B"]
    assert names(is_model="yes") == ["A"]
    assert names(verification="verified") == ["B"]
    assert names(verification="none") == ["A"]
    assert names(sort="-revenue") == ["B", "A"]
    assert names(supported="yes") == []  # no app registered a support flag


def test_support_flag_is_pluggable(client_for, users, monkeypatch):
    a, b = EnterpriseFactory(name="A"), EnterpriseFactory(name="B")
    monkeypatch.setattr(sections, "_support_flags", [lambda qs: qs.filter(pk=b.pk)])
    client = client_for(users["staff"])
    yes = client.get(reverse("enterprises:list"), {"supported": "yes"})
    no = client.get(reverse("enterprises:list"), {"supported": "no"})
    assert [e.pk for e in yes.context["page"]] == [b.pk]
    assert [e.pk for e in no.context["page"]] == [a.pk]


def export_download(client, post_and_follow, query: str = ""):
    """Ask for the export of the list filtered by ``query``; the job runs (Celery eager) and the
    job page offers the file; returns (job page response, download response)."""
    page = post_and_follow(client, reverse("enterprises:export"), {"query": query})
    assert page.status_code == 200
    job = page.context["job"]
    return page, client.get(reverse("accounts:export_download", args=[job.pk]))


def test_export_is_the_filtered_list_built_by_a_job(client_for, users, named, post_and_follow):
    client = client_for(users["staff"])
    page, response = export_download(client, post_and_follow, "q=quang+nam&page=2")
    job = page.context["job"]
    assert (job.kind, job.status, job.progress, job.params["query"]) == (
        "enterprises.export",
        "succeeded",
        100,
        "q=quang+nam",
    )
    assert job.result["rows"] == 1
    assert reverse("accounts:export_download", args=[job.pk]) in page.content.decode()
    assert response["Content-Type"] == XLSX
    assert response["Cache-Control"] == "private, no-store"
    rows = list(
        openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    assert len(rows) == 2
    assert rows[1][:2] == (named[0].tax_code, "Công ty TNHH Quảng Nam Xanh")
    assert AuditEvent.objects.filter(action="enterprise.exported", actor=users["staff"]).count() == 1


def test_export_of_many_rows_reports_progress_per_chunk(client_for, users, post_and_follow, monkeypatch):
    from core.models import BackgroundJob
    from enterprises import exports

    monkeypatch.setattr(exports, "CHUNK", 4)
    EnterpriseFactory.create_batch(10)
    RepresentativeFactory(enterprise=Enterprise.objects.order_by("name", "pk")[9], status="verified")
    seen = []
    original = exports.build_enterprise_export

    def spy(job, progress, handle):
        return original(job, lambda p: seen.append(p) or progress(p), handle)

    monkeypatch.setitem(__import__("core.jobs").jobs._handlers, exports.KIND, _handler_with(spy))
    client = client_for(users["staff"])
    page, response = export_download(client, post_and_follow)
    assert seen == [41, 77, 95]
    rows = list(
        openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    assert len(rows) == 11
    assert [r[15] for r in rows[1:]] == [0] * 9 + [1]  # verified representatives, counted per chunk
    assert BackgroundJob.objects.get().result["rows"] == 10


def _handler_with(build):
    """The export job handler around another builder (to watch its progress)."""
    from core import exports as core_exports
    from core.jobs import _handlers

    kept = dict(_handlers)
    core_exports.register_export("enterprises.export", build, content_type=XLSX)
    handler = _handlers["enterprises.export"]
    _handlers.clear()
    _handlers.update(kept)
    return handler


def test_export_belongs_to_the_user_who_asked(client_for, users, named, post_and_follow, make_user):
    page, _response = export_download(client_for(users["staff"]), post_and_follow)
    job = page.context["job"]
    other = client_for(make_user("staff", email="khac@test.vn"))
    assert other.get(reverse("accounts:export_job", args=[job.pk])).status_code == 404
    assert other.get(reverse("accounts:export_download", args=[job.pk])).status_code == 404
    leader = client_for(users["leader"])
    assert leader.get(reverse("accounts:export_download", args=[job.pk])).status_code == 404


def test_export_is_a_post_and_not_for_enterprise_users(client_for, users):
    assert client_for(users["staff"]).get(reverse("enterprises:export")).status_code == 405
    assert client_for(users["enterprise"]).post(reverse("enterprises:export"), {"query": ""}).status_code == 403


def test_import_job_is_not_downloadable_as_an_export(client_for, users):
    from core.jobs import job_start

    job = job_start(kind="import", owner=users["staff"], params={"key": "enterprises", "file": "x"})
    client = client_for(users["staff"])
    assert client.get(reverse("accounts:export_job", args=[job.pk])).status_code == 404
    assert client.get(reverse("accounts:export_download", args=[job.pk])).status_code == 404


# --- scoping: another enterprise is a 404 ------------------------------------------------------
ENTERPRISE_URLS = [
    p.name for p in urlpatterns if "<int:pk>" in str(p.pattern) and not str(p.pattern).startswith("representatives")
]


def test_every_enterprise_url_is_known():
    assert sorted(ENTERPRISE_URLS) == ["detail", "edit"]


@pytest.mark.parametrize("name", ENTERPRISE_URLS)
@pytest.mark.parametrize("status", ["verified", "pending"])
def test_a_representative_gets_404_on_another_enterprise(client_for, name, status):
    mine = RepresentativeFactory(status=status)
    other = EnterpriseFactory(name="Người khác")
    client = client_for(mine.user)
    url = reverse(f"enterprises:{name}", args=[other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Đã sửa", "tax_code": other.tax_code}).status_code == 404
    other.refresh_from_db()
    assert other.name == "Người khác"
    # A pending request sees nothing of the enterprise it asked to represent either.
    expected = 200 if status == "verified" else 404
    assert client.get(reverse("enterprises:detail", args=[mine.enterprise.pk])).status_code == expected


def test_staff_pages_are_refused_to_representatives(client_for):
    rep = RepresentativeFactory()
    client = client_for(rep.user)
    for name in ("list", "create", "import", "import_template", "representatives"):
        assert client.get(reverse(f"enterprises:{name}")).status_code == 403, name
    assert client.post(reverse("enterprises:export"), {"query": ""}).status_code == 403
    assert (
        client.post(reverse("enterprises:representative_decide", args=[rep.pk]), {"decision": "reject"}).status_code
        == 403
    )


def test_verified_representative_edits_its_enterprise_pending_cannot(client_for):
    rep = RepresentativeFactory()
    url = reverse("enterprises:edit", args=[rep.enterprise.pk])
    data = {
        "tax_code": rep.enterprise.tax_code,
        "name": "Tên mới",
        "legal_form": "jsc",
        "employees": 300,
        "revenue": 10**12,
        "sector": rep.enterprise.sector_id,
        "is_model": "on",
    }
    response = client_for(rep.user).post(url, data)
    assert response.status_code == 302
    rep.enterprise.refresh_from_db()
    assert (rep.enterprise.name, rep.enterprise.size_class, rep.enterprise.is_model) == ("Tên mới", "large", False)
    assert rep.enterprise.history.first().history_user == rep.user

    pending = RepresentativeFactory(status="pending")
    assert (
        client_for(pending.user).post(reverse("enterprises:edit", args=[pending.enterprise.pk]), data).status_code
        == 404
    )


# --- staff create / edit ----------------------------------------------------------------------
def test_staff_create_validates_like_the_service(client_for, users):
    unit, sector = UnitFactory(), SectorFactory(code="10", size_group="industry")
    client = client_for(users["staff"])
    url = reverse("enterprises:create")
    bad = client.post(url, {"tax_code": "0100233480", "name": "X", "legal_form": "llc", "status": "active"})
    assert bad.status_code == 200
    assert bad.context["form"].errors["tax_code"] == [
        "Chữ số kiểm tra của mã số thuế 0100233480 không đúng: hãy đối chiếu với giấy chứng nhận đăng ký."
    ]
    good = client.post(
        url,
        {
            "tax_code": "0100 233 488",
            "name": "Công ty A",
            "legal_form": "llc",
            "status": "active",
            "unit": unit.pk,
            "sector": sector.pk,
            "employees": 8,
            "revenue": 2 * 10**9,
            "is_model": "on",
            "model_since": "2023-05-01",
        },
    )
    assert good.status_code == 302
    e = Enterprise.objects.get()
    assert (e.tax_code, e.size_class, e.is_model, e.unit) == ("0100233488", "micro", True, unit)
    dup = client.post(url, {"tax_code": "0100233488", "name": "Công ty B", "legal_form": "llc", "status": "active"})
    assert dup.context["form"].errors["tax_code"] == [
        f"Mã số thuế 0100233488 đã được đăng ký cho Công ty A (hồ sơ số {e.pk})."
    ]
    assert Enterprise.objects.count() == 1


def test_detail_shows_history_and_registered_sections(client_for, users, monkeypatch):
    e = EnterpriseFactory()
    monkeypatch.setattr(sections, "_sections", [])
    sections.register_enterprise_section(
        "enterprises/includes/representations.html", lambda request, ent: {"x": ent.pk}
    )
    response = client_for(users["staff"]).get(reverse("enterprises:detail", args=[e.pk]))
    assert response.status_code == 200
    assert response.context["sections"] == [("enterprises/includes/representations.html", {"x": e.pk})]
    assert len(response.context["changes"]) == 1
    from enterprises.services import enterprise_update

    old_name = e.name
    enterprise_update(enterprise=e, data={"employees": 250, "name": "Tên mới"}, actor=users["staff"])
    changes = client_for(users["staff"]).get(reverse("enterprises:detail", args=[e.pk])).context["changes"]
    assert sorted(changes[0]["fields"]) == [
        "số lao động tham gia bảo hiểm xã hội: 20 → 250",
        f"tên: {old_name} → Tên mới",
    ]
    assert changes[0]["record"].history_user == users["staff"]


# --- representatives --------------------------------------------------------------------------
def test_register_join_and_staff_decisions_through_pages(client_for, make_user, users):
    SectorFactory(code="47")
    owner = make_user("enterprise")
    client = client_for(owner)
    assert "Bạn chưa là người đại diện" in client.get(reverse("accounts:home")).content.decode()
    response = client.post(
        reverse("enterprises:register"),
        {"tax_code": "0312687878", "name": "Công ty C", "legal_form": "llc", "position": "Giám đốc"},
    )
    assert response.status_code == 302
    rep = Representative.objects.get(user=owner)
    assert (rep.status, rep.position, rep.enterprise.tax_code) == ("pending", "Giám đốc", "0312687878")
    assert "Chờ xác minh" in client.get(reverse("accounts:home")).content.decode()

    joiner = make_user("enterprise")
    response = client_for(joiner).post(reverse("enterprises:join"), {"tax_code": "0312.687.878"})
    assert response.status_code == 302
    join = Representative.objects.get(user=joiner)

    staff = client_for(users["staff"])
    queue = staff.get(reverse("enterprises:representatives"))
    assert [r.pk for r in queue.context["page"]] == [rep.pk, join.pk]
    staff.post(reverse("enterprises:representative_decide", args=[rep.pk]), {"decision": "verify"})
    staff.post(reverse("enterprises:representative_decide", args=[join.pk]), {"decision": "reject", "reason": ""})
    join.refresh_from_db()
    assert join.status == "pending"  # a rejection needs a reason
    staff.post(
        reverse("enterprises:representative_decide", args=[join.pk]), {"decision": "reject", "reason": "Không rõ"}
    )
    rep.refresh_from_db()
    join.refresh_from_db()
    assert (rep.status, join.status, join.reason) == ("verified", "rejected", "Không rõ")
    assert AuditEvent.objects.filter(action__in=["representative.verified", "representative.rejected"]).count() == 2
    assert "Đã xác minh" in client.get(reverse("enterprises:mine")).content.decode()


# --- import -------------------------------------------------------------------------------------
HEADER = [
    "Mã số thuế",
    "Tên",
    "Mã ngành VSIC",
    "Mã đơn vị hành chính",
    "Số lao động",
    "Doanh thu (đồng)",
    "Nguồn vốn (đồng)",
]


def import_rows(unit_code):
    good = [
        ["0100233488", "Công ty Một", "10", unit_code, 5, 1_000_000_000, 500_000_000],
        ["0314409058", "Công ty Hai", "47", unit_code, 40, 20_000_000_000, None],
        ["0312687878", "Công ty Ba", "47", None, None, None, None],
        ["0100112437-001", "Chi nhánh Bốn", "10", unit_code, 150, "60.000.000.000", 30_000_000_000],
        ["01.00.112.437", "Công ty Bốn", "C", unit_code, 300, 500_000_000_000, 200_000_000_000],
    ]
    bad = [
        ["0100233480", "Sai chữ số kiểm tra", "10", unit_code, 5, 1, 1],
        ["0314409058", "Trùng trong tệp", "47", unit_code, 5, 1, 1],
        ["0301234567", "Âm và không rõ", "99X", "99999", -3, 1, 1],
    ]
    return good, bad


def test_import_dry_run_then_commit_then_reimport(client_for, users, post_and_follow):
    SectorFactory(code="10", size_group="industry")
    SectorFactory(code="47")
    SectorFactory(code="C", level=1, size_group="industry")
    unit = UnitFactory(code="20194")
    good, bad = import_rows(unit.code)
    content = xlsx([HEADER, good[0], good[1], bad[0], good[2], bad[1], good[3], bad[2], good[4]])
    client = client_for(users["staff"])
    response = post_and_follow(
        client, reverse("enterprises:import"), {"file": upload(content), "units_on": "2026-01-01"}
    )
    report = response.context["report"]
    assert report.counts == {"create": 5, "update": 0, "unchanged": 0, "error": 3}
    assert [(r.row_number, r.errors) for r in report.errors] == [
        (4, ["Chữ số kiểm tra của mã số thuế 0100233480 không đúng: hãy đối chiếu với giấy chứng nhận đăng ký."]),
        (6, ["Trùng với dòng 3 trong tệp này (cùng khóa 0314409058)."]),
        (8, ["Mã số thuế 0301234567 không phải là mã số thuế hợp lệ."] if False else report.errors[2].errors),
    ]
    third = report.errors[2].errors
    assert "Mã ngành VSIC không tồn tại: 99X." in third
    assert "Mã đơn vị hành chính không tồn tại: 99999." in third
    assert "Số lao động phải lớn hơn hoặc bằng 0." in third
    assert Enterprise.objects.count() == 0  # a dry run writes nothing

    response = post_and_follow(client, reverse("enterprises:import_commit"), {"job": response.context["job"].pk})
    assert response.context["report"].committed
    assert Enterprise.objects.count() == 5
    sizes = dict(Enterprise.objects.values_list("tax_code", "size_class"))
    assert sizes == {
        "0100233488": "micro",
        "0314409058": "small",
        "0312687878": "",
        "0100112437-001": "medium",
        "0100112437": "large",
    }
    assert AuditEvent.objects.filter(action="enterprise.imported").count() == 1
    before = list(Enterprise.objects.order_by("pk").values())
    history = sum(e.history.count() for e in Enterprise.objects.all())

    again = post_and_follow(client, reverse("enterprises:import"), {"file": upload(content), "units_on": "2026-01-01"})
    assert again.context["report"].counts == {"create": 0, "update": 0, "unchanged": 5, "error": 3}
    nothing = client.post(reverse("enterprises:import_commit"), {"job": again.context["job"].pk})
    assert nothing["Location"] == reverse("enterprises:import")  # nothing to commit
    from enterprises.services import enterprises_import

    report = enterprises_import(source=io.BytesIO(content), actor=users["staff"], units_on=datetime.date(2026, 1, 1))
    assert report.counts == {"create": 0, "update": 0, "unchanged": 5, "error": 3}
    assert list(Enterprise.objects.order_by("pk").values()) == before
    assert sum(e.history.count() for e in Enterprise.objects.all()) == history


def test_import_updates_matched_by_tax_code(client_for, users, post_and_follow):
    e = EnterpriseFactory(tax_code="0100233488", name="Tên cũ", employees=5)
    content = xlsx([["Tax code", "Name", "Employees"], ["0100233488", "Tên mới", 500]])
    client = client_for(users["staff"])
    page = post_and_follow(client, reverse("enterprises:import"), {"file": upload(content), "units_on": "2026-01-01"})
    assert page.context["report"].counts["update"] == 1
    post_and_follow(client, reverse("enterprises:import_commit"), {"job": page.context["job"].pk})
    e.refresh_from_db()
    assert (e.name, e.employees, e.revenue, e.size_class) == ("Tên mới", 500, 5_000_000_000, "large")
    assert e.history.first().history_user == users["staff"]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b"ma so thue,ten\n0100233488,A\n",
            "list.csv",
            "Đây không phải là tệp Excel (.xlsx). Hãy lưu tệp dưới dạng .xlsx rồi thử lại.",
        ),
        (
            b"PK\x03\x04not really a zip",
            "broken.xlsx",
            "Đây không phải là tệp Excel (.xlsx) hoặc tệp bị hỏng. Hãy lưu tệp dưới dạng .xlsx rồi thử lại.",
        ),
        (
            xlsx([["Tên", "Địa chỉ"], ["A", "B"]]),
            "cols.xlsx",
            "Tệp không có đủ các cột cần thiết. Còn thiếu: Mã số thuế. Hãy tải tệp mẫu và dùng dòng tiêu đề của tệp mẫu.",
        ),
        (xlsx([]), "empty.xlsx", "Tệp rỗng."),
        (xlsx([HEADER]), "header.xlsx", "Tệp có dòng tiêu đề nhưng không có dòng dữ liệu nào."),
    ],
)
def test_malformed_files_get_a_clear_message(client_for, users, content, name, message, post_and_follow):
    response = post_and_follow(
        client_for(users["staff"]),
        reverse("enterprises:import"),
        {"file": upload(content, name), "units_on": "2026-01-01"},
    )
    assert response.status_code == 200
    assert response.context["report"].file_errors == [message]
    assert message in response.content.decode()


def test_a_50_mb_file_is_refused(client_for, users):
    content = b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024)
    response = client_for(users["staff"]).post(
        reverse("enterprises:import"), {"file": upload(content), "units_on": "2026-01-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Tệp quá lớn (50 MB); giới hạn là 10 MB."]


def test_template_download(client_for, users):
    response = client_for(users["staff"]).get(reverse("enterprises:import_template"))
    rows = list(
        openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0].iter_rows(values_only=True)
    )
    assert rows[0][:3] == ("Mã số thuế", "Tên", "Tên viết tắt")
    assert rows[1][0] == "0100233488"


def test_representative_queue_query_count_does_not_grow(client_for, users, page_queries):
    client = client_for(users["staff"])
    url = reverse("enterprises:representatives")
    RepresentativeFactory.create_batch(3, status="pending")
    small = page_queries(client, url)
    RepresentativeFactory.create_batch(40, status="pending")
    assert page_queries(client, url) == small


def test_my_enterprises_query_count_does_not_grow(client_for, make_user, page_queries):
    user = make_user("enterprise")
    client = client_for(user)
    RepresentativeFactory(user=user)
    small = page_queries(client, reverse("enterprises:mine"))
    RepresentativeFactory.create_batch(8, user=user, status="pending")
    assert page_queries(client, reverse("enterprises:mine")) == small
    assert page_queries(client, reverse("accounts:home")) >= small


def test_detail_query_count_does_not_grow_with_history(client_for, users, page_queries, staff):
    from enterprises.services import enterprise_update

    e = EnterpriseFactory()
    RepresentativeFactory(enterprise=e)
    url = reverse("enterprises:detail", args=[e.pk])
    client = client_for(users["staff"])
    page_queries(client, url)  # warm the content-type cache
    small = page_queries(client, url)
    for n in range(6):
        enterprise_update(enterprise=e, data={"employees": 30 + n}, actor=staff)
    RepresentativeFactory.create_batch(4, enterprise=e, status="pending")
    assert page_queries(client, url) == small


def test_leaders_read_the_list_but_do_not_manage(client_for, users):
    e = EnterpriseFactory()
    client = client_for(users["leader"])
    assert client.get(reverse("enterprises:list")).status_code == 200
    assert client.get(reverse("enterprises:detail", args=[e.pk])).status_code == 200
    for name in ("create", "import", "representatives"):
        assert client.get(reverse(f"enterprises:{name}")).status_code == 403
    assert client.get(reverse("enterprises:edit", args=[e.pk])).status_code == 403
    assert client_for(users["partner"]).get(reverse("enterprises:list")).status_code == 403


def test_deciding_twice_is_refused_with_a_message(client_for, users):
    rep = RepresentativeFactory(status="rejected", reason="Sai")
    response = client_for(users["staff"]).post(
        reverse("enterprises:representative_decide", args=[rep.pk]), {"decision": "verify"}, follow=True
    )
    assert "Đề nghị này đã được quyết định." in response.content.decode()
    rep.refresh_from_db()
    assert rep.status == "rejected"


def test_staff_keep_reference_data_in_admin(client_for, users, reference_data):
    client = client_for(users["staff"])
    assert client.get("/admin/enterprises/administrativeunit/?q=Nông+Sơn").status_code == 200
    assert client.get("/admin/enterprises/sector/").status_code == 200


def test_unit_choices_follow_the_period(client_for, users, reference_data):
    client = client_for(users["staff"])
    url = reverse("enterprises:unit_options")
    in_2022 = client.get(url, {"period_from": "2022-01-01", "period_to": "2022-12-31"}).content.decode()
    assert in_2022.count("<option") == 1 + 18
    assert "Huyện Nông Sơn (519)" in in_2022
    in_2025 = client.get(url, {"period_from": "2025-01-01", "period_to": "2025-06-30"}).content.decode()
    assert in_2025.count("<option") == 1 + 17
    after = client.get(url, {"period_from": "2025-08-01", "period_to": "2025-12-31"}).content.decode()
    assert after.count("<option") == 1 + 94
    assert "Xã Nông Sơn (20656)" in after
    page = client.get(reverse("enterprises:list")).content.decode()
    assert f'data-hx-get="{url}"' in page


def test_decision_redirects_only_inside_the_site(client_for, users):
    rep = RepresentativeFactory(status="pending")
    url = reverse("enterprises:representative_decide", args=[rep.pk])
    response = client_for(users["staff"]).post(url, {"decision": "verify", "next": "https://evil.example/"})
    assert response["Location"] == reverse("enterprises:detail", args=[rep.enterprise_id])
    rep2 = RepresentativeFactory(status="pending")
    url2 = reverse("enterprises:representative_decide", args=[rep2.pk])
    response = client_for(users["staff"]).post(url2, {"decision": "verify", "next": "/enterprises/representatives/"})
    assert response["Location"] == "/enterprises/representatives/"
