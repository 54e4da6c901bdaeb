"""The one registry of labels: every audit action the code records has a translated label, and the
recorded reasons and file sizes read in Vietnamese."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from core.labels import RULES, action_label, has_label, reason_label, registry
from core.numbers import file_size

APPS = ("core", "accounts", "enterprises", "programs", "training", "reports")
AUDITING = {"audit_record": "", "save_audited": "save", "transition_to": "", "bulk_transition_to": ""}


# The workflow mixin passes on the action its callers give (or "<audit_prefix>.<status>", checked by
# test_every_workflow_default_action_has_a_label): the walk reads the callers.
MECHANISMS = {Path("core/workflow.py")}


def _sources():
    for app in APPS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            if "migrations" not in path.parts and path.relative_to(settings.BASE_DIR) not in MECHANISMS:
                yield path


def test_every_workflow_default_action_has_a_label():
    """A move without an explicit action is recorded as "<audit_prefix>.<status>"."""
    from enterprises.models import Representative
    from programs.applications.models import SupportApplication
    from reports.models import ReportRun

    for model in (SupportApplication, ReportRun, Representative):
        missing = [s for s in model.STATUSES.values if not has_label(f"{model.audit_prefix}.{s}")]
        assert (model.__name__, missing) == (model.__name__, [])


def _pattern(node) -> str | None:
    """A regular expression for the action an ``action=`` argument can take (None: not a string)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.JoinedStr):
        return "".join(
            re.escape(part.value) if isinstance(part, ast.Constant) else "[a-z0-9_.]+" for part in node.values
        )
    return None


def recorded_actions() -> list[tuple[str, str, str]]:
    """(place, regex, kind) for every ``action=`` given to audit_record/save_audited in the code;
    an action passed on through a parameter is followed to the calls of its function."""
    found = []
    for path in _sources():
        tree = ast.parse(path.read_text(), str(path))
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        for call in calls:
            name = getattr(call.func, "id", getattr(call.func, "attr", None))
            for keyword in call.keywords:
                if keyword.arg != "action" or name not in AUDITING:
                    continue
                values = [keyword.value]
                if isinstance(keyword.value, ast.Name):
                    owner = next(
                        f for f in functions.values() if any(a.arg == keyword.value.id for a in f.args.kwonlyargs)
                    )
                    values = [
                        k.value
                        for c in calls
                        if getattr(c.func, "id", None) == owner.name
                        for k in c.keywords
                        if k.arg == "action"
                    ]
                    assert values, f"{path}:{call.lineno}: no call of {owner.name} gives an action"
                for value in values:
                    pattern = _pattern(value)
                    assert pattern, f"{path}:{call.lineno}: an action the test cannot read"
                    place = f"{path.relative_to(settings.BASE_DIR)}:{value.lineno}"
                    if AUDITING[name] == "save":
                        found += [(place, pattern + r"\." + verb, "saved") for verb in ("create", "update")]
                    else:
                        found.append((place, pattern, "audit"))
    return found


def test_the_walk_finds_the_audit_calls():
    actions = recorded_actions()
    patterns = {pattern for _place, pattern, _kind in actions}
    assert len(actions) >= 60
    assert re.escape("enterprise.created") in patterns
    assert r"training\.enrolment_[a-z0-9_.]+" in patterns
    assert re.escape("programs.partner_report.unlock") in patterns  # followed through _send_back(action=…)
    assert re.escape("programs.news") + r"\.update" in patterns  # save_audited adds .create/.update


def test_every_recorded_action_has_a_label():
    labelled = list(registry()[0])
    missing = []
    for place, pattern, _kind in recorded_actions():
        if "[" not in pattern:  # a constant action: labelled itself
            if not has_label(pattern.replace("\\", "")):
                missing.append(f"{place}: {pattern}")
        elif not any(re.fullmatch(pattern, code) for code in labelled) and not any(
            re.escape(prefix) == pattern[: len(re.escape(prefix))] for prefix in RULES
        ):
            missing.append(f"{place}: {pattern}")
    assert missing == []


def test_status_families_cover_every_status():
    from enterprises.models import RepresentativeStatus
    from programs.applications.models import Status
    from reports.models import ReportStatus
    from training.models import EnrolmentStatus

    for prefix, choices in (
        ("application.", Status),
        ("reports.", ReportStatus),
        ("training.enrolment_", EnrolmentStatus),
        ("representative.", RepresentativeStatus),
    ):
        assert [has_label(prefix + value) for value in choices.values] == [True] * len(choices.values)


def test_labels_in_vietnamese():
    with translation.override("vi"):
        assert str(action_label("application.budget_approved")) == "Hồ sơ: Đã duyệt kinh phí"
        assert str(action_label("enterprise.created")) == "Ghi nhận doanh nghiệp"
        assert str(action_label("programs.partner_report.create")) == "Báo cáo của đơn vị phối hợp: đã tạo"
        assert str(action_label("admin.enterprises.enterprise.changed")) == "Quản trị: doanh nghiệp đã sửa"
        assert str(reason_label("edited")) == "Báo cáo đã được sửa"
        assert str(reason_label("worker lost")) == "Lần dựng bị gián đoạn, đã xếp hàng lại"
        assert reason_label("Thiếu hóa đơn") == "Thiếu hóa đơn"  # a typed reason stays as typed
    assert action_label("nothing.known") == "nothing.known"
    assert has_label("nothing.known") is False
    assert has_label("admin.nothing.known.added") is False


def test_every_label_is_translated():
    actions, reasons = registry()
    with translation.override("vi"):
        untranslated = [code for code, label in {**actions, **reasons}.items() if str(label) == _english(label)]
    assert untranslated == []


def _english(label) -> str:
    with translation.override("en"):
        return str(label)


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 B"), (69, "69 B"), (1023, "1.023 B"), (1024, "1 KB"), (1229, "1,2 KB"), (10 * 1024**2, "10 MB")],
)
def test_file_size(size, text):
    assert file_size(size) == text


@pytest.mark.django_db
def test_the_enterprise_sort_menu_and_filters_read_in_vietnamese():
    from enterprises.filters import EnterpriseFilter
    from enterprises.models import Enterprise

    with translation.override("vi"):
        form = EnterpriseFilter({}, queryset=Enterprise.objects.all()).form
        sort = dict(form.fields["sort"].choices)
        assert sort["name"] == "Tên"
        assert sort["-name"] == "Tên (giảm dần)"
        assert sort["-created_at"] == "Ngày ghi nhận (giảm dần)"
        assert [str(label) for _value, label in form.fields["is_model"].choices] == ["---------", "Có", "Không"]


@pytest.mark.django_db
def test_the_partner_report_form_labels_read_in_vietnamese():
    from programs.forms import PartnerReportForm
    from tests.accounts.factories import UserFactory

    with translation.override("vi"):
        form = PartnerReportForm(user=UserFactory())
        assert [str(form.fields[name].label) for name in ("organisation", "plan")] == ["Đơn vị", "Kế hoạch"]
