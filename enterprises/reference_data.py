"""Reference data: the administrative units (dated versions and their mappings) and the sectors,
loaded from the CSV fixtures shipped with the project or given by staff."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import audit_record

from .models import AdministrativeUnit, Sector, SectorGroup, UnitLevel, UnitMapping
from .permissions import check_person_or_system

DATA_DIR = Path(__file__).resolve().parent / "fixtures" / "data"
DANANG_FROM = datetime.date(2025, 7, 1)
RESOLUTION_202 = "Nghị quyết 202/2025/QH15; Nghị quyết 1659/NQ-UBTVQH15"
# Sections A-F count as "agriculture, forestry, fishery; industry and construction" for the
# Decree 80/2021 thresholds; G-U as trade and services.
INDUSTRY_SECTIONS = frozenset("ABCDEF")
LEVEL_ORDER = {UnitLevel.PROVINCE: 0, UnitLevel.DISTRICT: 1, UnitLevel.COMMUNE: 2}
# A CSV file: its path, or an open (text or binary) file.
CsvSource = str | Path | IO[str] | IO[bytes]


def _csv_rows(source: CsvSource) -> list[dict]:
    if isinstance(source, str | Path):
        with open(source, encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    text = source.read()
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _date(text: str | None) -> datetime.date | None:
    text = (text or "").strip()
    return datetime.date.fromisoformat(text) if text else None


def _covers(unit: AdministrativeUnit, day: datetime.date | None) -> bool:
    """Whether ``unit`` is in force on ``day`` (None: the earliest known time)."""
    if day is None:
        return unit.valid_from is None
    return (unit.valid_from is None or unit.valid_from <= day) and (unit.valid_to is None or day <= unit.valid_to)


@transaction.atomic
def units_import(
    *, source: CsvSource, valid_from: datetime.date | None = None, basis_from: str = "", actor: User | None = None
) -> dict[str, int]:
    """Load an official unit list (CSV ``code,name,level,parent_code,kind`` and optionally
    ``valid_from,valid_to,basis_from,basis_to``); one row per unit version, matched on (code,
    valid_from). ``valid_from``/``basis_from`` apply to rows without their own. An open earlier
    version of a code is closed the day before a new version starts, and a mapping old → new
    version is recorded. Idempotent: a second run changes nothing. Returns counts. ``actor``: staff,
    or ``None`` for the system (a management command, seeding)."""
    check_person_or_system(actor, "reference_import")
    rows = _csv_rows(source)
    counts: dict[str, Any] = {"created": 0, "updated": 0, "unchanged": 0, "mappings": 0}
    versions: dict[str, list[AdministrativeUnit]] = {}
    for unit in AdministrativeUnit.objects.all():
        versions.setdefault(unit.code, []).append(unit)

    def parsed(row):
        return _date(row.get("valid_from")) or valid_from

    rows.sort(key=lambda r: (LEVEL_ORDER.get(r["level"].strip(), 9), parsed(r) or datetime.date.min))
    touched: list[AdministrativeUnit] = []
    for row in rows:
        code = row["code"].strip()
        start = parsed(row)
        parent = None
        parent_code = (row.get("parent_code") or "").strip()
        if parent_code:
            covering = [p for p in versions.get(parent_code, []) if _covers(p, start)]
            parent = max(covering, key=lambda p: p.valid_from or datetime.date.min) if covering else None
            if parent is None:
                raise ValidationError(
                    _("Unit %(code)s: its parent %(parent)s is not in force on %(date)s.")
                    % {"code": code, "parent": parent_code, "date": start or "-"}
                )
        values = {
            "name": row["name"].strip(),
            "level": row["level"].strip(),
            "kind": row["kind"].strip(),
            "parent": parent,
            "valid_to": _date(row.get("valid_to")),
            "basis_from": (row.get("basis_from") or "").strip() or (basis_from if start else ""),
            "basis_to": (row.get("basis_to") or "").strip(),
        }
        unit = next((u for u in versions.get(code, []) if u.valid_from == start), None)  # type: ignore[assignment]
        if unit is None and start is not None:
            # A later list repeats units that did not change: keep their open version.
            same = [
                u
                for u in versions.get(code, [])
                if u.valid_to is None
                and (u.valid_from or datetime.date.min) < start
                and (u.name, u.level, u.kind) == (values["name"], values["level"], values["kind"])
                and (u.parent.code if u.parent else "") == parent_code
            ]
            if same:
                counts["unchanged"] += 1
                continue
        if unit is None:
            unit = AdministrativeUnit(code=code, valid_from=start, **values)
            unit.full_clean(validate_unique=False)
            unit.save()
            versions.setdefault(code, []).append(unit)
            counts["created"] += 1
        elif any(getattr(unit, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(unit, k, v)
            unit.full_clean(validate_unique=False)
            unit.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
        touched.append(unit)

    # Successive versions of one code: close the older one, map it to the newer one.
    for unit in touched:
        if unit.valid_from is None:
            continue
        for older in versions[unit.code]:
            if older.pk == unit.pk or (older.valid_from is not None and older.valid_from >= unit.valid_from):
                continue
            day_before = unit.valid_from - datetime.timedelta(days=1)
            if older.valid_to is None:
                older.valid_to = day_before
                older.basis_to = older.basis_to or unit.basis_from
                older.save(update_fields=["valid_to", "basis_to"])
                counts["updated"] += 1
            if older.valid_to == day_before:
                counts["mappings"] += _map(older, unit, unit.valid_from, "", override=False)
    if actor is not None and (counts["created"] or counts["updated"]):
        audit_record(actor=actor, action="units.imported", **counts)
    return counts


def _map(old, new, effective_on: datetime.date, note: str, *, override: bool = True) -> int:
    """Create (or, with ``override``, correct) one mapping; 1 when something changed."""
    mapping = UnitMapping.objects.filter(old_unit=old, effective_on=effective_on).first()
    if mapping is None:
        UnitMapping.objects.create(old_unit=old, new_unit=new, effective_on=effective_on, note=str(note)[:255])
        return 1
    if override and mapping.new_unit_id != new.pk:
        mapping.new_unit = new
        mapping.note = str(note)[:255]
        mapping.save(update_fields=["new_unit", "note"])
        return 1
    return 0


@transaction.atomic
def unit_mappings_import(*, source: CsvSource, effective_on: datetime.date, actor: User | None = None) -> int:
    """Load old → new mappings (CSV ``old_code,new_code[,note|source]``): the old unit is the
    version in force the day before ``effective_on``, the new one the version in force on it.
    Idempotent; returns the number of mappings created or changed."""
    check_person_or_system(actor, "reference_import")
    day_before = effective_on - datetime.timedelta(days=1)
    changed = 0
    for row in _csv_rows(source):
        old = _unit_on(row["old_code"].strip(), day_before)
        new = _unit_on(row["new_code"].strip(), effective_on)
        if old is None or new is None:
            raise ValidationError(
                _("Mapping %(old)s → %(new)s: a unit is not in force on the expected date.")
                % {"old": row["old_code"], "new": row["new_code"]}
            )
        changed += _map(old, new, effective_on, row.get("note") or row.get("source") or "")
    if actor is not None and changed:
        audit_record(actor=actor, action="units.mappings_imported", changed=changed)
    return changed


def _unit_on(code: str, day: datetime.date) -> AdministrativeUnit | None:
    return next((u for u in AdministrativeUnit.objects.filter(code=code) if _covers(u, day)), None)


@transaction.atomic
def sectors_import(*, source: CsvSource, classification: str = "VSIC2018") -> dict[str, int]:
    """Load VSIC sections and divisions (CSV ``level,code,parent,name_vi,name_en``); sections
    A-F are in the industry size group, the others in services. Idempotent."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    known = {s.code: s for s in Sector.objects.filter(classification=classification)}
    for row in sorted(_csv_rows(source), key=lambda r: int(r["level"])):
        code = row["code"].strip()
        parent = known.get((row.get("parent") or "").strip()) if row.get("parent") else None
        section = code if parent is None else parent.code
        values = {
            "level": int(row["level"]),
            "parent": parent,
            "name": row["name_vi"].strip(),
            "name_en": (row.get("name_en") or "").strip(),
            "size_group": SectorGroup.INDUSTRY if section in INDUSTRY_SECTIONS else SectorGroup.SERVICES,
        }
        sector = known.get(code)
        if sector is None:
            known[code] = Sector.objects.create(classification=classification, code=code, **values)
            counts["created"] += 1
        elif any(getattr(sector, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(sector, k, v)
            sector.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts


def reference_data_load(*, actor: User | None = None) -> dict[str, dict | int]:
    """The fixtures shipped with the project: VSIC 2018, the dated Quảng Nam tree 2021-2025,
    Đà Nẵng from 1 Jul 2025, and the mappings of 1 Jan 2025 and 1 Jul 2025. Idempotent."""
    check_person_or_system(actor, "reference_import")
    return {
        "sectors": sectors_import(source=DATA_DIR / "vsic2018.csv"),
        "quangnam": units_import(source=DATA_DIR / "units_quangnam_dated_2021_2025.csv", actor=actor),
        "danang": units_import(
            source=DATA_DIR / "units_2025_danang.csv", valid_from=DANANG_FROM, basis_from=RESOLUTION_202, actor=actor
        ),
        "mapping_2025_01": unit_mappings_import(
            source=DATA_DIR / "units_mapping_2025_01.csv", effective_on=datetime.date(2025, 1, 1), actor=actor
        ),
        "mapping_2025_07": unit_mappings_import(
            source=DATA_DIR / "units_mapping_2025.csv", effective_on=DANANG_FROM, actor=actor
        ),
    }
