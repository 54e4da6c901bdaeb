"""Report builders, one per kind, sharing ``ReportBuilder``."""

from .base import ReportBuilder, annual_period
from .kinds import BUILDERS, AdHocReport, AnnualReport, FiveYearSummary, TwoYearReview


def builder_for(kind: str) -> type[ReportBuilder]:
    return BUILDERS[kind]


__all__ = [
    "BUILDERS",
    "AdHocReport",
    "AnnualReport",
    "FiveYearSummary",
    "ReportBuilder",
    "TwoYearReview",
    "annual_period",
    "builder_for",
]
