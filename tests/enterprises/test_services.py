import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.models import AuditEvent
from core.workflow import InvalidTransition
from enterprises import services
from enterprises.models import Enterprise, Representative
from enterprises.permissions import is_verified_representative
from enterprises.selectors import enterprise_for_user, verified_enterprises_for
from tests.enterprises.factories import EnterpriseFactory, SectorFactory, UnitFactory


@pytest.fixture
def base(db):
    return {"unit": UnitFactory(), "sector": SectorFactory(code="10", size_group="industry")}


def test_create_normalises_the_code_and_derives_the_size(base, staff):
    e = services.enterprise_create(
        data={
            "tax_code": " 0100.233.488 ",
            "name": "Công ty A",
            "employees": 150,
            "revenue": 60 * 10**9,
            "capital": 30 * 10**9,
            **base,
        },
        actor=staff,
    )
    assert e.tax_code == "0100233488"
    assert e.size_class == "medium"
    assert e.history.get().history_user == staff
    assert AuditEvent.objects.filter(action="enterprise.created", object_id=str(e.pk)).count() == 1


def test_size_is_recomputed_on_every_save(base, staff):
    e = services.enterprise_create(
        data={"tax_code": "0100233488", "name": "A", "employees": 5, "revenue": 10**9, **base}, actor=staff
    )
    assert e.size_class == "micro"
    services.enterprise_update(enterprise=e, data={"employees": 250, "revenue": 10**12}, actor=staff)
    e.refresh_from_db()
    assert e.size_class == "large"
    services.enterprise_update(enterprise=e, data={"sector": None}, actor=staff)
    e.refresh_from_db()
    assert e.size_class == ""
    assert e.history.count() == 3


def test_a_second_registration_names_the_existing_record(base, staff):
    first = services.enterprise_create(data={"tax_code": "0100233488", "name": "Công ty Gốc", **base}, actor=staff)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.enterprise_create(data={"tax_code": "01 0023 3488", "name": "Công ty Trùng", **base}, actor=staff)
    assert error.value.message_dict["tax_code"] == [
        f"Mã số thuế 0100233488 đã được đăng ký cho Công ty Gốc (hồ sơ số {first.pk})."
    ]
    assert Enterprise.objects.count() == 1
    # the branch of the same company is another record
    branch = services.enterprise_create(data={"tax_code": "0100233488-001", "name": "Chi nhánh", **base}, actor=staff)
    assert branch.tax_code == "0100233488-001"


def test_register_join_verify_reject(base, make_user, staff):
    owner = make_user("enterprise")
    rep = services.representative_register(
        user=owner, data={"tax_code": "0314409058", "name": "Công ty B", **base}, position="Giám đốc"
    )
    assert rep.status == "pending"
    assert enterprise_for_user(owner) == rep.enterprise
    assert not is_verified_representative(owner, rep.enterprise)
    assert list(verified_enterprises_for(owner)) == []

    services.representative_verify(representative=rep, actor=staff)
    assert is_verified_representative(owner, rep.enterprise)
    assert list(verified_enterprises_for(owner)) == [rep.enterprise]
    event = AuditEvent.objects.get(action="representative.verified")
    assert (event.actor, event.object_id) == (staff, str(rep.pk))

    other = make_user("enterprise")
    join = services.representative_request_join(user=other, tax_code="0314 409 058")
    assert (join.enterprise, join.status) == (rep.enterprise, "pending")
    with pytest.raises(ValidationError, match=r"Hãy nêu lý do từ chối\."):
        services.representative_reject(representative=join, actor=staff, reason="  ")
    join.refresh_from_db()
    assert join.status == "pending"
    services.representative_reject(representative=join, actor=staff, reason="Không có giấy ủy quyền")
    join.refresh_from_db()
    assert (join.status, join.reason, join.decided_by) == ("rejected", "Không có giấy ủy quyền", staff)
    assert AuditEvent.objects.get(action="representative.rejected").reason == "Không có giấy ủy quyền"
    assert enterprise_for_user(other) is None
    # asking again reopens the request
    again = services.representative_request_join(user=other, tax_code="0314409058")
    assert (again.pk, again.status, again.reason) == (join.pk, "pending", "")


def test_join_unknown_or_twice_is_refused(base, make_user):
    user = make_user("enterprise")
    with pytest.raises(
        ValidationError,
        match=r"Chưa có doanh nghiệp nào đăng ký với mã số thuế 0100233488: hãy đăng ký doanh nghiệp mới\.",
    ):
        services.representative_request_join(user=user, tax_code="0100233488")
    EnterpriseFactory(tax_code="0100233488")
    services.representative_request_join(user=user, tax_code="0100233488")
    with pytest.raises(ValidationError, match=r"Bạn đã đề nghị làm người đại diện của "):
        services.representative_request_join(user=user, tax_code="0100233488")
    assert Representative.objects.count() == 1


def test_decided_request_cannot_be_verified_again(base, make_user, staff):
    rep = services.representative_register(
        user=make_user("enterprise"), data={"tax_code": "0314409058", "name": "B", **base}
    )
    services.representative_reject(representative=rep, actor=staff, reason="Sai")
    with pytest.raises(InvalidTransition):
        services.representative_verify(representative=rep, actor=staff)
    rep.refresh_from_db()
    assert rep.status == "rejected"


def test_the_representative_is_told_of_the_decision(
    base, make_user, staff, mailoutbox, django_capture_on_commit_callbacks
):
    user = make_user("enterprise", email="giamdoc@test.vn")
    rep = services.representative_register(user=user, data={"tax_code": "0314409058", "name": "Công ty B", **base})
    with django_capture_on_commit_callbacks(execute=True):
        services.representative_reject(representative=rep, actor=staff, reason="Thiếu giấy giới thiệu")
    assert [m.to for m in mailoutbox] == [["giamdoc@test.vn"]]
    assert mailoutbox[0].subject == "[Năng suất] Đề nghị làm người đại diện của Công ty B không được chấp nhận"
    assert "Lý do: Thiếu giấy giới thiệu" in mailoutbox[0].body


def test_a_tax_code_changed_by_a_representative_sends_the_enterprise_back_to_verification(
    make_user, django_capture_on_commit_callbacks, mailoutbox
):
    from core.models import AuditEvent
    from enterprises.models import RepresentativeStatus
    from enterprises.services import enterprise_update

    from .factories import RepresentativeFactory

    staff = make_user("staff", email="chuyenvien@test.vn")
    # A specialist whose agencies do not see the enterprise (#12: here, of no agency) is not told.
    make_user("staff", email="ngoai@test.vn", agency=None)
    rep = RepresentativeFactory(status=RepresentativeStatus.VERIFIED)
    colleague = RepresentativeFactory(enterprise=rep.enterprise, status=RepresentativeStatus.VERIFIED)
    enterprise = rep.enterprise
    old = enterprise.tax_code
    with django_capture_on_commit_callbacks(execute=True):
        enterprise_update(enterprise=enterprise, data={"tax_code": "0314409058"}, actor=rep.user)
    enterprise.refresh_from_db()
    assert enterprise.tax_code == "0314409058"
    for representative in (rep, colleague):
        representative.refresh_from_db()
        assert representative.status == RepresentativeStatus.PENDING
        assert old in representative.reason
    event = AuditEvent.objects.get(action="enterprise.tax_code_changed", object_id=str(enterprise.pk))
    assert (event.actor, event.data["before"], event.data["after"], event.data["sent_back"]) == (
        rep.user,
        old,
        "0314409058",
        2,
    )
    assert AuditEvent.objects.filter(action="representative.pending").count() == 2
    assert [m.to for m in mailoutbox] == [[staff.email]]
    # Staff correcting a tax code verify nobody again.
    RepresentativeFactory(enterprise=enterprise, status=RepresentativeStatus.VERIFIED)
    enterprise_update(enterprise=enterprise, data={"tax_code": "0312687878"}, actor=staff)
    assert enterprise.representatives.filter(status=RepresentativeStatus.VERIFIED).count() == 1
