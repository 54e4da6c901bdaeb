"""Demo data of the programmes, in its own time (today is after the 2021-2025 plan; Quảng Nam is
part of Đà Nẵng since 1 Jul 2025). Idempotent: a second run changes nothing.

- ``seed_programs`` (order 30): the agencies, and the Quảng Nam plan 2021-2025 (the first
  customer) with its objectives, indicators, tasks, budgets, activities, partners and news.
- ``seed_next_plans`` (order 70, after the five-year summary closed the Quảng Nam plan): Đà Nẵng's
  plan 2026-2030 made from it through the service, approved and in force, with this year's
  estimates, activities, partner report and news; and a small plan of a second agency
  (Quảng Ngãi), so that what each agency sees is visible.

The data are the files of this folder (``agencies.yaml``, ``plan_2021_2025.yaml``,
``plan_2026_2030.yaml``, read with ``core.demo.load``); the code that writes them is in
``agencies``, ``plan_2021_2025`` and ``plan_2026_2030``. Other apps' seeders find the plans with
``demo_plan()`` / ``next_plan()`` and the funding sources by code.
"""

from .agencies import (
    DA_NANG,
    DEMO_PLAN_KEY,
    QUANG_NAM,
    QUANG_NGAI,
    demo_plan,
    ensure_agencies,
    ensure_demo_plan,
    ensure_funding_sources,
    next_plan,
    plan_year,
    recent,
    second_agency_plan,
)
from .plan_2021_2025 import seed_programs
from .plan_2026_2030 import seed_next_plans

__all__ = [
    "DA_NANG",
    "DEMO_PLAN_KEY",
    "QUANG_NAM",
    "QUANG_NGAI",
    "demo_plan",
    "ensure_agencies",
    "ensure_demo_plan",
    "ensure_funding_sources",
    "next_plan",
    "plan_year",
    "recent",
    "second_agency_plan",
    "seed_next_plans",
    "seed_programs",
]
