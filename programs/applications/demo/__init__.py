"""Demo support applications (seed_demo: order 40 for Quảng Nam 2021-2025, order 80 for this year's
under the plans in force). Deterministic, idempotent.

Consistent direct writes (no e-mails, ``builder``): each application gets the events of the path it
took, its money is reserved on (and paid from) the approved estimate of its scheme's source and
year, and the yearly number of supported enterprises grows ~10-15 % from the 2020 baseline of 20.
The catalogue, the paths and the final states are data (``support_items.csv``, ``catalogue.yaml``,
``paths.yaml``); the order of the random draws is the code's, so that the same rows come out.
"""

import datetime
import random
from decimal import Decimal

from accounts.models import User
from core import clock
from core.demo import load
from enterprises.demo import quang_nam_enterprises
from enterprises.models import Enterprise, Representative, RepresentativeStatus
from programs.demo import demo_plan, ensure_funding_sources
from programs.models import BudgetEstimate, EstimateStatus, Task

from ..models import PolicyVersion, RequiredDocument, Status, SupportApplication, SupportItem, SupportScheme
from .builder import Builder, M, item_name

__all__ = ["item_name", "seed_applications", "seed_applications_next"]

SEED = 20210215
ELIGIBLE_SIZE_CLASSES = ["micro", "small", "medium"]


def _paths() -> dict:
    """``paths.yaml`` with its states as ``Status`` and the demo company's items as (item, state)."""
    data = load("programs.applications", "paths.yaml")
    for key in ("supported_final", "other_final"):
        data[key] = {year: [Status(s) for s in finals] for year, finals in data[key].items()}
    data["demo_company"] = {year: (item, Status(final)) for year, (item, final) in data["demo_company"].items()}
    data["next_finals"] = [Status(final) for final, count in data["next_finals"] for _ in range(count)]
    data["second_finals"] = [Status(final) for final in data["second_finals"]]
    return data


def _required_documents(policy, documents) -> None:
    RequiredDocument.objects.bulk_create(
        RequiredDocument(policy_version=policy, name=doc["name"], is_mandatory=doc["mandatory"], order=i)
        for i, doc in enumerate(documents)
    )


def ensure_catalogue(plan) -> dict[str, SupportScheme]:
    """Support items, one scheme per item under the plan, two dated policy versions each."""
    catalogue = load("programs.applications", "catalogue.yaml")
    sources = ensure_funding_sources()
    task = Task.objects.filter(group__plan=plan, group__number=4).order_by("code").first()
    schemes = {}
    for order, row in enumerate(load("programs.applications", "support_items.csv"), start=1):
        code, name, source = row["code"], row["name"], row["source"]
        item, _ = SupportItem.objects.get_or_create(code=code, defaults={"name": name, "order": order})
        scheme, _ = SupportScheme.objects.get_or_create(
            plan=plan,
            item=item,
            defaults={
                "title": f"Hỗ trợ áp dụng {name[0].lower()}{name[1:]}" if code != "conformity" else name,
                "legal_basis": catalogue["legal_bases"][source],
                "funding_source": sources[source],
                "task": task,
                "opens_on": datetime.date(2021, 1, 1),
            },
        )
        versions = [
            (datetime.date(2021, 1, 1), datetime.date(2023, 12, 31), int(row["cap_until_2023"])),
            (datetime.date(2024, 1, 1), None, int(row["cap_from_2024"])),
        ]
        for start, end, cap in versions:
            policy, created = PolicyVersion.objects.get_or_create(
                scheme=scheme,
                effective_from=start,
                defaults={
                    "effective_to": end,
                    "rate_percent": Decimal(int(row["rate"])),
                    "cap_amount": cap * M,
                    "yearly_limit": int(row["yearly_limit"]) * M,
                    "legal_basis": scheme.legal_basis,
                    "note": catalogue["policy_note"],
                    "eligible_size_classes": ELIGIBLE_SIZE_CLASSES if code != "conformity" else [],
                },
            )
            if created:
                _required_documents(policy, catalogue["documents"])
        schemes[code] = scheme
    return schemes


def ensure_estimates(plan) -> None:
    """Approved estimates of the two sources that pay support, for every year of the plan."""
    sources = ensure_funding_sources()
    fallback = load("programs.applications", "catalogue.yaml")["fallback_estimates"]
    for year in plan.years:
        for code, millions in fallback.items():
            amount = millions * M
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


def seed_applications() -> None:
    """Catalogue, schemes, estimates, and ~230 applications 2021-2025 in every state (idempotent)."""
    plan = demo_plan()
    schemes = ensure_catalogue(plan)
    ensure_estimates(plan)
    people = {role: User.objects.filter(email=f"{role}@demo.vn").first() for role in ("staff", "finance", "leader")}
    enterprises = list(quang_nam_enterprises().order_by("pk"))
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
    paths = _paths()
    rng = random.Random(SEED)
    builder = Builder(plan, schemes, people)
    conformity = {2023: pool[0], 2024: pool[1]}  # the two conformity-assessment organisations
    for year, count in paths["supported_per_year"].items():
        chosen = rng.sample(pool[2:], count)
        if year in conformity:
            chosen[0] = conformity[year]
        own = paths["demo_company"]
        if demo_company is not None and year in own:
            chosen[-1] = demo_company
        finals = paths["supported_final"][year]
        for index, enterprise in enumerate(chosen):
            final = finals[index] if index < len(finals) else finals[0]
            item = rng.choice(paths["main_items"])
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
        others = rng.sample([e for e in pool if e not in chosen], len(paths["other_final"][year]))
        for enterprise, final in zip(others, paths["other_final"][year], strict=True):
            month = (
                rng.randrange(9, 12)
                if year == 2025 and final not in (Status.REJECTED, Status.WITHDRAWN)
                else rng.randrange(2, 10)
            )
            builder.build(
                rng=rng,
                enterprise=enterprise,
                item=rng.choice(paths["main_items"]),
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
    builder.save_counters()


# --- The plans after the merger ------------------------------------------------------------------
def _recent_start(builder, path_final, rng, plan) -> datetime.date:
    """A submission date early enough for the whole path to lie before today (this year)."""
    from programs.demo import recent

    path = builder._path(path_final)
    span = max((t.date() for t in builder._times(path, clock.today()).values()), default=clock.today())
    return recent(plan, (span - clock.today()).days + rng.randrange(3, 25))


def seed_applications_next() -> None:
    """This year's applications under Đà Nẵng's plan (its schemes were copied from Quảng Nam's by
    “new plan from this one”), in every state, reserving from this year's approved estimates; and a
    few under the second agency's plan, with its own scheme (seeder order 80). Idempotent."""
    from programs.demo import next_plan, plan_year

    people = {role: User.objects.filter(email=f"{role}@demo.vn").first() for role in ("staff", "finance", "leader")}
    plan = next_plan()
    if plan is None or not all(people.values()):
        return
    if not SupportApplication.objects.filter(scheme__plan=plan).exists():
        schemes = {s.item.code: s for s in plan.schemes.select_related("item")}
        builder = Builder(plan, schemes, people)
        year = plan_year(plan)
        rng = random.Random(SEED + year)
        paths = _paths()
        demo_rep = Representative.objects.filter(
            user__email="enterprise@demo.vn", status=RepresentativeStatus.VERIFIED
        ).first()
        pool = list(quang_nam_enterprises().exclude(pk=getattr(demo_rep, "enterprise_id", None)).order_by("pk"))
        chosen = rng.sample(pool, len(paths["next_finals"]))
        for enterprise, final in zip(chosen, paths["next_finals"], strict=True):
            builder.build(
                rng=rng,
                enterprise=enterprise,
                item=rng.choice(paths["main_items"]),
                year=year,
                final=final,
                submitted_on=_recent_start(builder, final, rng, plan),
            )
        if demo_rep is not None:
            builder.build(
                rng=rng,
                enterprise=demo_rep.enterprise,
                item="iso14001",
                year=year,
                final=Status.IN_PROGRESS,
                submitted_on=_recent_start(builder, Status.IN_PROGRESS, rng, plan),
                with_files=True,
            )
        builder.save_counters()
    _seed_second_agency(people)


def _seed_second_agency(people) -> None:
    from programs.demo import plan_year, second_agency_plan

    plan = second_agency_plan()
    staff = User.objects.filter(email="chuyenvien.quangngai@demo.vn").first()
    if plan is None or staff is None or SupportApplication.objects.filter(scheme__plan=plan).exists():
        return
    catalogue = load("programs.applications", "catalogue.yaml")
    data = catalogue["second_agency_scheme"]
    item = SupportItem.objects.get(code=data["item"])
    opens = datetime.date(plan.start_year, 1, 1)
    scheme, _ = SupportScheme.objects.get_or_create(
        plan=plan,
        item=item,
        defaults={
            "title": data["title"],
            "legal_basis": data["legal_basis"],
            "funding_source": ensure_funding_sources()[data["source"]],
            "task": Task.objects.filter(group__plan=plan).first(),
            "opens_on": opens,
        },
    )
    policy, created = PolicyVersion.objects.get_or_create(
        scheme=scheme,
        effective_from=opens,
        defaults={
            "rate_percent": Decimal(data["rate"]),
            "cap_amount": data["cap"] * M,
            "yearly_limit": data["yearly_limit"] * M,
            "legal_basis": scheme.legal_basis,
            "note": catalogue["policy_note"],
            "eligible_size_classes": ELIGIBLE_SIZE_CLASSES,
        },
    )
    if created:
        _required_documents(policy, catalogue["documents"])
    builder = Builder(plan, {item.code: scheme}, {**people, "staff": staff})
    rng = random.Random(SEED + 51)
    from enterprises.demo import second_province_code

    enterprises = list(Enterprise.objects.filter(unit__code=second_province_code()).order_by("pk"))
    for enterprise, final in zip(enterprises, _paths()["second_finals"], strict=False):
        builder.build(
            rng=rng,
            enterprise=enterprise,
            item=item.code,
            year=plan_year(plan),
            final=final,
            submitted_on=_recent_start(builder, final, rng, plan),
        )
    builder.save_counters()
