"""Reads for the programs app, by concern; re-exported here."""

from .budget import BudgetRow, BudgetSummary, budget_by_source
from .kpi import IndicatorResult, Status, compound_growth_percent, growth_percent, plan_kpis, target_status

__all__ = [
    "BudgetRow",
    "BudgetSummary",
    "IndicatorResult",
    "Status",
    "budget_by_source",
    "compound_growth_percent",
    "growth_percent",
    "plan_kpis",
    "target_status",
]
