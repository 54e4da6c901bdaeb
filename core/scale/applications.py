"""Applications of one generated agency across every status, each with the events of its path,
and for the committed ones the ledger rows (a reservation; a payment with its disbursement) and
the running totals the services keep on the application and on its budget estimate."""

import datetime
import random
from collections import defaultdict

from programs.applications.models import (
    ApplicationEvent,
    Disbursement,
    LedgerEntry,
    LedgerKind,
    ReferenceCounter,
    Status,
    SupportApplication,
)
from programs.models import BudgetEstimate, EstimateStatus

from .bulk import BulkWriter
from .setup import PLAN_END, PLAN_START, Frame

TZ = datetime.timezone(datetime.timedelta(hours=7))
CHUNK = 5_000
MAIN = [
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
S = Status
# The path of events to each final status, and how often it ends there (per cent).
PATHS = {
    S.DRAFT: ([], 5),
    S.SUBMITTED: (MAIN[:1], 6),
    S.WITHDRAWN: ([S.SUBMITTED, S.WITHDRAWN], 3),
    S.UNDER_REVIEW: (MAIN[:2], 6),
    S.RETURNED: ([S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED], 4),
    S.REJECTED: ([S.SUBMITTED, S.UNDER_REVIEW, S.REJECTED], 7),
    S.RECOMMENDED: (MAIN[:3], 5),
    S.BUDGET_APPROVED: (MAIN[:4], 5),
    S.APPROVED: (MAIN[:5], 5),
    S.IN_PROGRESS: (MAIN[:6], 10),
    S.COMPLETION_SUBMITTED: (MAIN[:7], 5),
    S.ACCEPTED: (MAIN[:8], 5),
    S.DISBURSED: (MAIN, 34),
}
del S
FINAL = list(PATHS)
WEIGHTS = [weight for _path, weight in PATHS.values()]


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TZ)


def write_applications(
    writer: BulkWriter, frame: Frame, count: int, enterprise_ids: list[int], owner: dict[int, int], rng: random.Random
) -> None:
    years = range(PLAN_START, PLAN_END + 1)
    source_ids = sorted({s["source_id"] for s in frame.schemes})
    first_estimate = writer.reserve(BudgetEstimate, len(source_ids) * len(years))
    estimate_ids = {
        (source, year): first_estimate + i for i, (source, year) in enumerate((s, y) for s in source_ids for y in years)
    }
    reserved: dict[int, int] = defaultdict(int)
    paid: dict[int, int] = defaultdict(int)
    counters: dict[int, int] = defaultdict(int)
    for start in range(0, count, CHUNK):
        size = min(CHUNK, count - start)
        first = writer.reserve(SupportApplication, size)
        apps: list = []
        events: list = []
        disbursements: list = []
        ledger: list = []
        for pk in range(first, first + size):
            enterprise = rng.choice(enterprise_ids)
            scheme = rng.choice(frame.schemes)
            year = rng.choice(years)
            final = rng.choices(FINAL, WEIGHTS)[0]
            path = PATHS[final][0]
            day = datetime.date(year, 1, 2) + datetime.timedelta(days=rng.randrange(0, 300))
            cost = rng.randrange(100, 1_500) * 1_000_000
            requested = min(scheme["cap"], cost * scheme["rate"] // 100 // 1_000_000 * 1_000_000)
            app = {
                "id": pk,
                "enterprise_id": enterprise,
                "scheme_id": scheme["id"],
                "policy_version_id": scheme["policy_id"],
                "applicant_id": owner[enterprise],
                "year": year,
                "project_title": f"Dự án nâng cao năng suất số {pk}",
                "starts_on": day + datetime.timedelta(days=30),
                "ends_on": day + datetime.timedelta(days=210),
                "eligible_cost": cost,
                "requested_amount": requested,
                "declaration_accepted": bool(path),
                "status": final,
                "created_at": _at(day),
            }
            previous, moment = Status.DRAFT, _at(day)
            estimate = estimate_ids[(scheme["source_id"], year)]
            reviewer = rng.choice(frame.staff_ids)
            for step in path:
                day += datetime.timedelta(days=rng.randrange(3, 20))
                moment = _at(day, 9 + len(events) % 8)
                actor = {
                    Status.SUBMITTED: owner[enterprise],
                    Status.WITHDRAWN: owner[enterprise],
                    Status.COMPLETION_SUBMITTED: owner[enterprise],
                    Status.IN_PROGRESS: owner[enterprise],
                    Status.BUDGET_APPROVED: frame.finance_id,
                    Status.DISBURSED: frame.finance_id,
                    Status.APPROVED: frame.leader_id,
                }.get(step, reviewer)
                events.append(
                    {
                        "application_id": pk,
                        "actor_id": actor,
                        "from_status": previous,
                        "to_status": step,
                        "created_at": moment,
                    }
                )
                previous = step
                if step == Status.SUBMITTED:
                    counters[year] += 1
                    app |= {"reference_code": f"{frame.prefix}-{year}-{counters[year]:04d}", "submitted_at": moment}
                elif step == Status.UNDER_REVIEW:
                    app["reviewer_id"] = reviewer
                elif step == Status.RECOMMENDED:
                    app["proposed_amount"] = requested
                elif step == Status.BUDGET_APPROVED:
                    app |= {"approved_amount": requested, "reserved_amount": requested, "estimate_id": estimate}
                    reserved[estimate] += requested
                    ledger.append(_entry(estimate, pk, LedgerKind.RESERVATION, requested, day, frame.finance_id))
                elif step == Status.APPROVED:
                    app |= {"decision_number": f"{counters[year]}/QĐ-SKHCN", "decision_date": day}
                elif step == Status.COMPLETION_SUBMITTED:
                    app["completion_report"] = "Đã hoàn thành các nội dung của dự án."
                elif step == Status.ACCEPTED:
                    app["accepted_on"] = day
                elif step == Status.DISBURSED:
                    entry = _entry(estimate, pk, LedgerKind.PAYMENT, requested, day, frame.finance_id)
                    ledger.append(entry)
                    disbursements.append(
                        {
                            "ledger": entry,
                            "application_id": pk,
                            "amount": requested,
                            "paid_on": day,
                            "voucher": f"PC-{frame.number:02d}-{pk}",
                            "recorded_by_id": frame.finance_id,
                            "recorded_at": moment,
                        }
                    )
                    app["disbursed_amount"] = requested
                    paid[estimate] += requested
            app |= {"status_changed_at": moment, "updated_at": moment}
            apps.append(app)
        writer.write(SupportApplication, apps)
        writer.write(ApplicationEvent, events)
        first_disbursement = writer.reserve(Disbursement, len(disbursements))
        for offset, disbursement in enumerate(disbursements):
            disbursement["id"] = disbursement["ledger"]["disbursement_id"] = first_disbursement + offset
        writer.write(Disbursement, disbursements)
        writer.write(LedgerEntry, ledger)
    _write_estimates(writer, frame, estimate_ids, reserved, paid)
    for year, last in counters.items():
        ReferenceCounter.objects.create(prefix=frame.prefix, year=year, last_number=last)


def _entry(estimate: int, application: int, kind: str, amount: int, day: datetime.date, actor: int) -> dict:
    return {
        "estimate_id": estimate,
        "application_id": application,
        "kind": kind,
        "amount": amount,
        "date": day,
        "recorded_at": _at(day, 16),
        "recorded_by_id": actor,
    }


def _write_estimates(writer, frame: Frame, estimate_ids: dict, reserved: dict, paid: dict) -> None:
    """Approved estimates a quarter above what was reserved on them (never below a billion)."""
    rows = []
    for (source, year), pk in estimate_ids.items():
        approved = max(1_000_000_000, (reserved[pk] * 5 // 4) // 1_000_000 * 1_000_000)
        rows.append(
            {
                "id": pk,
                "plan_id": frame.plan.pk,
                "year": year,
                "source_id": source,
                "proposed_amount": approved,
                "appraised_amount": approved,
                "approved_amount": approved,
                "reserved_amount": reserved[pk],
                "disbursed_amount": paid[pk],
                "approved_on": datetime.date(year - 1, 12, 20),
                "status": EstimateStatus.APPROVED,
            }
        )
    writer.write(BudgetEstimate, rows)
