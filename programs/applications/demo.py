"""Demo support applications 2021-2025 for Quảng Nam (seed_demo, order 40). Deterministic, idempotent.

Consistent direct writes (no e-mails): each application gets the events of the path it took, its
money is reserved on (and paid from) the approved estimate of its scheme's source and year, and
the yearly number of supported enterprises grows ~10-15 % from the 2020 baseline of 20.
"""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import Role, User
from core import clock
from enterprises.models import Enterprise, Representative, RepresentativeStatus
from programs.demo import demo_plan, ensure_funding_sources
from programs.models import BudgetEstimate, EstimateStatus, Task

from .models import (
    ApplicationDocument,
    ApplicationEvent,
    Disbursement,
    DocumentKind,
    LedgerEntry,
    LedgerKind,
    PolicyVersion,
    ReferenceCounter,
    RequiredDocument,
    ReviewChecklistItem,
    Status,
    SupportApplication,
    SupportItem,
    SupportScheme,
)
from .proposal import compute_proposal
from .services.review import DEFAULT_CHECKS

SEED = 20210215
M = 1_000_000
# (code, name, funding source, rate %, cap 2021-2023, cap from 2024, yearly limit)
ITEMS = [
    ("iso9001", "Hệ thống quản lý chất lượng ISO 9001", "resolution-02", 50, 100, 120, 200),
    ("iso14001", "Hệ thống quản lý môi trường ISO 14001", "resolution-02", 50, 100, 120, 200),
    ("iso22000", "Hệ thống quản lý an toàn thực phẩm ISO 22000 / HACCP", "resolution-02", 50, 100, 120, 200),
    ("iso45001", "Hệ thống quản lý an toàn, sức khỏe nghề nghiệp ISO 45001", "resolution-02", 50, 100, 120, 200),
    ("iso50001", "Hệ thống quản lý năng lượng ISO 50001", "resolution-02", 50, 100, 120, 200),
    ("gap", "Thực hành nông nghiệp tốt (VietGAP, GlobalGAP), sản xuất hữu cơ", "resolution-02", 50, 80, 100, 150),
    ("5s", "Công cụ cải tiến 5S", "resolution-02", 50, 50, 60, 100),
    ("kaizen", "Công cụ cải tiến Kaizen", "resolution-02", 50, 50, 60, 100),
    ("lean", "Lean / Lean Six Sigma", "resolution-02", 50, 100, 120, 200),
    ("tpm", "Duy trì năng suất toàn diện (TPM)", "resolution-02", 50, 80, 100, 150),
    ("kpi", "Chỉ số đánh giá hiệu suất (KPI)", "resolution-02", 50, 50, 60, 100),
    ("bsc", "Thẻ điểm cân bằng (BSC)", "resolution-02", 50, 60, 80, 120),
    ("traceability", "Truy xuất nguồn gốc sản phẩm, hàng hóa", "st-nonbusiness", 50, 80, 100, 150),
    ("gs1", "Mã số, mã vạch (GS1)", "st-nonbusiness", 50, 30, 40, 60),
    ("green", "Năng suất xanh", "st-nonbusiness", 50, 100, 120, 200),
    ("certification", "Chứng nhận sản phẩm phù hợp tiêu chuẩn, quy chuẩn kỹ thuật", "st-nonbusiness", 50, 60, 80, 120),
    ("smart", "Sản xuất thông minh, chuyển đổi số", "st-nonbusiness", 50, 150, 200, 300),
    ("conformity", "Tăng cường năng lực tổ chức đánh giá sự phù hợp", "st-nonbusiness", 70, 300, 300, 300),
]
RESOLUTION_02 = "Nghị quyết số 02/2019/NQ-HĐND ngày 12/7/2019 của HĐND tỉnh Quảng Nam"
NONBUSINESS = "Quyết định số 1322/QĐ-TTg ngày 31/8/2020 của Thủ tướng Chính phủ; Kế hoạch NSCL tỉnh Quảng Nam 2021-2025"
POLICY_NOTE = "Mức hỗ trợ minh họa (chưa được xác nhận): chỉnh sửa theo văn bản hiện hành."
DOCUMENTS = [
    ("Đơn đề nghị hỗ trợ (theo mẫu)", True),
    ("Báo giá hoặc hợp đồng với tổ chức tư vấn, chứng nhận", True),
    ("Báo cáo tài chính năm gần nhất", False),
]
# Approved estimates created only when the programmes seeder has none (VND).
FALLBACK_ESTIMATES = {"resolution-02": 2_500 * M, "st-nonbusiness": 1_800 * M}
# Supported enterprises per year (baseline 2020: 20), about +12 % a year.
SUPPORTED_PER_YEAR = {2021: 22, 2022: 25, 2023: 28, 2024: 31, 2025: 35}
PATH = [
    Status.SUBMITTED,
    Status.UNDER_REVIEW,
    Status.RECOMMENDED,
    Status.BUDGET_APPROVED,
    Status.APPROVED,
    Status.IN_PROGRESS,
    Status.COMPLETION_SUBMITTED,
    Status.ACCEPTED,
    Status.DISBURSED,
]
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
CONSULTANTS = [
    "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Quảng Nam",
    "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng 2 (QUATEST 2)",
    "Công ty TNHH Tư vấn Năng suất Miền Trung",
    "Viện Năng suất Việt Nam",
]


def ensure_catalogue(plan) -> dict[str, SupportScheme]:
    """Support items, one scheme per item under the plan, two dated policy versions each."""
    sources = ensure_funding_sources()
    task = Task.objects.filter(group__plan=plan, group__number=4).order_by("code").first()
    schemes = {}
    for order, (code, name, source, rate, cap1, cap2, limit) in enumerate(ITEMS, start=1):
        item, _ = SupportItem.objects.get_or_create(code=code, defaults={"name": name, "order": order})
        scheme, _ = SupportScheme.objects.get_or_create(
            plan=plan,
            item=item,
            defaults={
                "title": f"Hỗ trợ áp dụng {name[0].lower()}{name[1:]}" if code != "conformity" else name,
                "legal_basis": RESOLUTION_02 if source == "resolution-02" else NONBUSINESS,
                "funding_source": sources[source],
                "task": task,
                "opens_on": datetime.date(2021, 1, 1),
            },
        )
        versions = [
            (datetime.date(2021, 1, 1), datetime.date(2023, 12, 31), cap1),
            (datetime.date(2024, 1, 1), None, cap2),
        ]
        for start, end, cap in versions:
            policy, created = PolicyVersion.objects.get_or_create(
                scheme=scheme,
                effective_from=start,
                defaults={
                    "effective_to": end,
                    "rate_percent": Decimal(rate),
                    "cap_amount": cap * M,
                    "yearly_limit": limit * M,
                    "legal_basis": scheme.legal_basis,
                    "note": POLICY_NOTE,
                    "eligible_size_classes": ["micro", "small", "medium"] if code != "conformity" else [],
                },
            )
            if created:
                RequiredDocument.objects.bulk_create(
                    RequiredDocument(policy_version=policy, name=doc, is_mandatory=mandatory, order=i)
                    for i, (doc, mandatory) in enumerate(DOCUMENTS)
                )
        schemes[code] = scheme
    return schemes


def ensure_estimates(plan) -> None:
    """Approved estimates of the two sources that pay support, for every year of the plan."""
    sources = ensure_funding_sources()
    for year in plan.years:
        for code, amount in FALLBACK_ESTIMATES.items():
            estimate, created = BudgetEstimate.objects.get_or_create(
                plan=plan,
                year=year,
                source=sources[code],
                defaults={
                    "proposed_amount": amount,
                    "appraised_amount": amount,
                    "approved_amount": amount,
                    "status": EstimateStatus.APPROVED,
                },
            )
            if not created and estimate.status != EstimateStatus.APPROVED:
                estimate.approved_amount = max(
                    estimate.approved_amount, estimate.appraised_amount or estimate.proposed_amount
                )
                estimate.status = EstimateStatus.APPROVED
                estimate.save(update_fields=["approved_amount", "status"])


def _representative(enterprise, staff) -> User:
    """A verified representative of the enterprise (one is created for enterprises without)."""
    rep = (
        Representative.objects.filter(enterprise=enterprise, status=RepresentativeStatus.VERIFIED)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if rep is not None:
        return rep.user
    email = f"daidien.{enterprise.tax_code.replace('-', '')}@demo.vn"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=enterprise.contact_name or "Người đại diện", organisation=enterprise.name)
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=Role.ENTERPRISE))
    Representative.objects.get_or_create(
        user=user,
        enterprise=enterprise,
        defaults={
            "status": RepresentativeStatus.VERIFIED,
            "decided_by": staff,
            "decided_at": clock.now(),
            "position": "Giám đốc",
        },
    )
    return user


def _aware(day: datetime.date, hour=9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class _Builder:
    """Writes one application with its history, money and documents."""

    def __init__(self, plan, schemes, people):
        self.plan, self.schemes, self.people = plan, schemes, people
        self.estimates = {
            (e.year, e.source_id): e for e in BudgetEstimate.objects.filter(plan=plan, status=EstimateStatus.APPROVED)
        }
        self.counters: dict[int, int] = {}
        with translation.override(settings.LANGUAGE_CODE):
            self.checks = [gettext(label) for label in DEFAULT_CHECKS]

    def code(self, year: int) -> str:
        self.counters[year] = self.counters.get(year, 0) + 1
        return f"{settings.APPLICATION_CODE_PREFIX}-{year}-{self.counters[year]:04d}"

    def build(self, *, rng, enterprise, item, year, final, submitted_on, with_files=False):
        code = self.code(year)
        scheme = self.schemes[item]
        policy = scheme.policy_versions.filter(effective_from__lte=submitted_on).order_by("-effective_from").first()
        cost = rng.randrange(60, 320) * M
        proposal = compute_proposal(
            eligible_cost=cost,
            rate_percent=policy.rate_percent,
            cap=policy.cap_amount,
            yearly_limit=policy.yearly_limit,
            used_this_year=0,
        )
        amount = proposal.amount // M * M
        rep = _representative(enterprise, self.people["staff"])
        path = self._path(final)
        reserves = Status.BUDGET_APPROVED in path and final not in (Status.WITHDRAWN, Status.REJECTED)
        estimate = self.estimates.get((year, scheme.funding_source_id))
        if reserves:
            left = estimate.approved_amount - estimate.reserved_amount
            amount = min(amount, left // M * M)
            if amount <= 0:  # the year's estimate is used up: no application rather than a gap in codes
                self.counters[year] -= 1
                return None
        app = SupportApplication(
            reference_code=code,
            enterprise=enterprise,
            scheme=scheme,
            policy_version=policy,
            applicant=rep,
            year=year,
            project_title=f"Áp dụng {item_name(scheme)} tại {enterprise.short_name or enterprise.name}",
            project_description="Xây dựng, áp dụng và duy trì; đào tạo nhân viên; đánh giá và cải tiến.",
            starts_on=submitted_on + datetime.timedelta(days=45),
            ends_on=submitted_on + datetime.timedelta(days=200),
            consultant=rng.choice(CONSULTANTS),
            eligible_cost=cost,
            requested_amount=amount,
            declaration_accepted=True,
            proposed_amount=amount,
            proposal_basis=proposal.as_json(),
            status=final,
            submitted_at=_aware(submitted_on),
        )
        if final == Status.DRAFT:
            app.reference_code, app.policy_version, app.proposed_amount, app.submitted_at = None, None, 0, None
            app.proposal_basis = {}
            self.counters[year] -= 1
        times = self._times(path, submitted_on, pace=self.pace(year))
        if Status.UNDER_REVIEW in path:
            app.reviewer = self.people["staff"]
        if reserves:
            app.estimate, app.approved_amount, app.reserved_amount = estimate, amount, amount
        if Status.APPROVED in path:
            decided = times[Status.APPROVED].date()
            app.decision_number = f"{rng.randrange(100, 999)}/QĐ-SKHCN"
            app.decision_date = decided
        if Status.ACCEPTED in path:
            app.accepted_on = times[Status.ACCEPTED].date()
            app.completion_report = "Doanh nghiệp đã hoàn thành dự án và được cấp giấy chứng nhận."
        if final == Status.RETURNED:
            app.supplement_deadline = times[Status.RETURNED].date() + datetime.timedelta(days=15)
            app.supplement_reasons = "Bổ sung báo giá của tổ chức tư vấn và báo cáo tài chính năm gần nhất."
        app.status_changed_at = times[path[-1]] if path else _aware(submitted_on)
        app.save()
        SupportApplication.objects.filter(pk=app.pk).update(created_at=_aware(submitted_on, 8))
        self._events(app, path, times, rep)
        if Status.UNDER_REVIEW in path:
            ReviewChecklistItem.objects.bulk_create(
                ReviewChecklistItem(
                    application=app,
                    order=i,
                    label=label,
                    is_ok=True if Status.RECOMMENDED in path else None,
                    checked_by=self.people["staff"] if Status.RECOMMENDED in path else None,
                    checked_at=times.get(Status.RECOMMENDED),
                )
                for i, label in enumerate(self.checks)
            )
        if reserves:
            BudgetEstimate.objects.filter(pk=estimate.pk).update(reserved_amount=F("reserved_amount") + amount)
            estimate.reserved_amount += amount
            moment = times[Status.BUDGET_APPROVED]
            LedgerEntry.objects.create(
                estimate=estimate,
                application=app,
                kind=LedgerKind.RESERVATION,
                amount=amount,
                date=timezone.localdate(moment),
                recorded_at=moment,
                recorded_by=self.people["finance"],
            )
        if final == Status.DISBURSED:
            paid_on = times[Status.DISBURSED].date()
            payment = Disbursement.objects.create(
                application=app,
                amount=amount,
                paid_on=paid_on,
                voucher=f"UNC-{code}",
                recorded_by=self.people["finance"],
            )
            LedgerEntry.objects.create(
                estimate=estimate,
                application=app,
                disbursement=payment,
                kind=LedgerKind.PAYMENT,
                amount=amount,
                date=paid_on,
                recorded_at=times[Status.DISBURSED],
                recorded_by=self.people["finance"],
            )
            SupportApplication.objects.filter(pk=app.pk).update(disbursed_amount=amount)
            BudgetEstimate.objects.filter(pk=estimate.pk).update(disbursed_amount=F("disbursed_amount") + amount)
        if with_files:
            for required in policy.required_documents.filter(is_mandatory=True):
                self._file(app, rep, required, DocumentKind.APPLICATION)
            if Status.COMPLETION_SUBMITTED in path:
                self._file(app, rep, None, DocumentKind.COMPLETION, name="giay-chung-nhan.pdf")
        return app

    @staticmethod
    def _path(final) -> list[str]:
        if final == Status.DRAFT:
            return []
        if final in PATH:
            return PATH[: PATH.index(final) + 1]
        before = {
            Status.RETURNED: Status.UNDER_REVIEW,
            Status.REJECTED: Status.UNDER_REVIEW,
            Status.WITHDRAWN: Status.SUBMITTED,
            Status.BUDGET_REJECTED: Status.RECOMMENDED,
        }[final]
        return PATH[: PATH.index(before) + 1] + [final]

    def pace(self, year: int) -> float:
        """How fast the department handled this application (from its number, not the random
        stream, so the rest of the demo is unchanged): four in five well within the promised 15
        working days, one in five at the old pace, late."""
        return 1.0 if self.counters.get(year, 0) % 5 == 0 else 0.55

    @staticmethod
    def _times(path, submitted_on, pace: float = 1.0) -> dict[str, datetime.datetime]:
        gaps = {
            Status.SUBMITTED: 0,
            Status.UNDER_REVIEW: 3,
            Status.RETURNED: 10,
            Status.RECOMMENDED: 15,
            Status.BUDGET_APPROVED: 7,
            Status.BUDGET_REJECTED: 7,
            Status.APPROVED: 8,
            Status.IN_PROGRESS: 10,
            Status.COMPLETION_SUBMITTED: 120,
            Status.ACCEPTED: 15,
            Status.DISBURSED: 20,
            Status.REJECTED: 12,
            Status.WITHDRAWN: 5,
        }
        department = (Status.UNDER_REVIEW, Status.RECOMMENDED, Status.BUDGET_APPROVED, Status.APPROVED, Status.REJECTED)
        times, day = {}, submitted_on
        for status in path:
            gap = gaps[status]
            if status in department:
                gap = max(1, round(gap * pace))
            day = day + datetime.timedelta(days=gap)
            times[status] = _aware(day, 10)
        return times

    def _events(self, app, path, times, rep):
        p = self.people
        actor = {
            Status.SUBMITTED: rep,
            Status.UNDER_REVIEW: p["staff"],
            Status.RETURNED: p["staff"],
            Status.RECOMMENDED: p["staff"],
            Status.BUDGET_APPROVED: p["finance"],
            Status.BUDGET_REJECTED: p["finance"],
            Status.APPROVED: p["leader"],
            Status.IN_PROGRESS: rep,
            Status.COMPLETION_SUBMITTED: rep,
            Status.ACCEPTED: p["staff"],
            Status.DISBURSED: p["finance"],
            Status.REJECTED: p["staff"],
            Status.WITHDRAWN: rep,
        }
        comment = {
            Status.RETURNED: app.supplement_reasons,
            Status.APPROVED: f"Quyết định số {app.decision_number} ngày {app.decision_date:%d/%m/%Y}."
            if app.decision_date
            else "",
            Status.REJECTED: "Nội dung đề nghị không thuộc phạm vi hỗ trợ của chương trình.",
            Status.WITHDRAWN: "Doanh nghiệp điều chỉnh kế hoạch đầu tư.",
            Status.BUDGET_REJECTED: "Dự toán năm đã phân bổ hết cho nguồn này.",
        }
        previous = Status.DRAFT
        events = []
        for status in path:
            events.append(
                ApplicationEvent(
                    application=app,
                    actor=actor[status],
                    from_status=previous,
                    to_status=status,
                    comment=comment.get(status, ""),
                    visible_to_enterprise=status != Status.BUDGET_REJECTED,
                    created_at=times[status],
                )
            )
            previous = status
        ApplicationEvent.objects.bulk_create(events)

    @staticmethod
    def _file(app, rep, required, kind, name="don-de-nghi.pdf"):
        document = ApplicationDocument(
            application=app,
            required_document=required,
            kind=kind,
            original_name=name,
            content_type="application/pdf",
            size=len(PDF),
            uploaded_by=rep,
        )
        document.file.save(name, ContentFile(PDF), save=False)
        document.save()


def item_name(scheme) -> str:
    name = scheme.item.name
    return name[0].lower() + name[1:]


# Final states of the supported applications of each year (older years are closed).
SUPPORTED_FINAL = {
    2021: [Status.DISBURSED],
    2022: [Status.DISBURSED],
    2023: [Status.DISBURSED] * 9 + [Status.ACCEPTED],
    2024: [Status.DISBURSED] * 6 + [Status.ACCEPTED, Status.COMPLETION_SUBMITTED],
    2025: [
        Status.DISBURSED,
        Status.ACCEPTED,
        Status.COMPLETION_SUBMITTED,
        Status.IN_PROGRESS,
        Status.IN_PROGRESS,
        Status.APPROVED,
    ],
}
# Applications that were not (or not yet) supported, per year.
OTHER_FINAL = {
    2021: [Status.REJECTED, Status.REJECTED, Status.WITHDRAWN],
    2022: [Status.REJECTED, Status.WITHDRAWN, Status.REJECTED],
    2023: [Status.REJECTED, Status.WITHDRAWN, Status.REJECTED, Status.WITHDRAWN],
    2024: [Status.REJECTED, Status.WITHDRAWN, Status.REJECTED],
    2025: [
        Status.REJECTED,
        Status.WITHDRAWN,
        Status.SUBMITTED,
        Status.SUBMITTED,
        Status.UNDER_REVIEW,
        Status.UNDER_REVIEW,
        Status.RETURNED,
        Status.RECOMMENDED,
        Status.RECOMMENDED,
        Status.BUDGET_APPROVED,
        Status.BUDGET_REJECTED,
        Status.DRAFT,
    ],
}
MAIN_ITEMS = [
    "iso9001",
    "iso22000",
    "5s",
    "kaizen",
    "lean",
    "iso14001",
    "gap",
    "traceability",
    "gs1",
    "kpi",
    "certification",
    "smart",
    "tpm",
    "green",
    "bsc",
    "iso45001",
    "iso50001",
]


def seed_applications() -> None:
    """Catalogue, schemes, estimates, and ~230 applications 2021-2025 in every state (idempotent)."""
    plan = demo_plan()
    schemes = ensure_catalogue(plan)
    ensure_estimates(plan)
    people = {role: User.objects.filter(email=f"{role}@demo.vn").first() for role in ("staff", "finance", "leader")}
    enterprises = list(Enterprise.objects.order_by("pk"))
    if len(enterprises) < 60 or not all(people.values()):
        return
    if SupportApplication.objects.filter(scheme__plan=plan).exists():
        return  # seeded already: a second run changes nothing
    demo_rep = (
        Representative.objects.filter(user__email="enterprise@demo.vn", status=RepresentativeStatus.VERIFIED)
        .select_related("enterprise")
        .first()
    )
    demo_company = demo_rep.enterprise if demo_rep else None
    pool = [e for e in enterprises if e != demo_company]
    rng = random.Random(SEED)
    builder = _Builder(plan, schemes, people)
    conformity = {2023: pool[0], 2024: pool[1]}  # the two conformity-assessment organisations
    for year, count in SUPPORTED_PER_YEAR.items():
        chosen = rng.sample(pool[2:], count)
        if year in conformity:
            chosen[0] = conformity[year]
        own = {
            2022: ("5s", Status.DISBURSED),
            2024: ("iso9001", Status.DISBURSED),
            2025: ("iso22000", Status.IN_PROGRESS),
        }
        if demo_company is not None and year in own:
            chosen[-1] = demo_company
        finals = SUPPORTED_FINAL[year]
        for index, enterprise in enumerate(chosen):
            final = finals[index] if index < len(finals) else finals[0]
            item = rng.choice(MAIN_ITEMS)
            if year in conformity and index == 0:
                item, final = "conformity", Status.DISBURSED if year == 2023 else Status.ACCEPTED
            if enterprise == demo_company:
                item, final = own[year]
            submitted_on = datetime.date(year, rng.randrange(2, 7), rng.randrange(1, 28))
            builder.build(
                rng=rng,
                enterprise=enterprise,
                item=item,
                year=year,
                final=final,
                submitted_on=submitted_on,
                with_files=enterprise == demo_company,
            )
        others = rng.sample([e for e in pool if e not in chosen], len(OTHER_FINAL[year]))
        for enterprise, final in zip(others, OTHER_FINAL[year], strict=True):
            month = (
                rng.randrange(9, 12)
                if year == 2025 and final not in (Status.REJECTED, Status.WITHDRAWN)
                else rng.randrange(2, 10)
            )
            builder.build(
                rng=rng,
                enterprise=enterprise,
                item=rng.choice(MAIN_ITEMS),
                year=year,
                final=final,
                submitted_on=datetime.date(year, month, rng.randrange(1, 28)),
            )
    if demo_company is not None:
        builder.build(
            rng=rng,
            enterprise=demo_company,
            item="kaizen",
            year=2025,
            final=Status.DRAFT,
            submitted_on=datetime.date(2025, 11, 20),
        )
    for year, last in builder.counters.items():
        counter, _ = ReferenceCounter.objects.get_or_create(prefix=settings.APPLICATION_CODE_PREFIX, year=year)
        if counter.last_number < last:
            counter.last_number = last
            counter.save(update_fields=["last_number"])
