"""The programme's models, one module per concern; every model is importable from ``programs.models``."""

from .activities import Activity, ActivityAttachment, ActivityKind
from .agencies import Agency, AgencyArea
from .budget import ESTIMATE_TRANSITIONS, BudgetEstimate, EstimateStatus, FundingSource, FundingSourceKind
from .news import NewsPost
from .partners import (
    PARTNER_REPORT_TRANSITIONS,
    PartnerActivity,
    PartnerFigure,
    PartnerKind,
    PartnerOrganisation,
    PartnerReport,
    PartnerReportStatus,
)
from .plans import (
    PLAN_TRANSITIONS,
    AnnualPlan,
    AnnualTarget,
    Direction,
    Indicator,
    IndicatorKind,
    IndicatorSource,
    Objective,
    Plan,
    PlanStatus,
    TargetType,
    Task,
    TaskGroup,
)

__all__ = [
    "Activity",
    "ActivityAttachment",
    "ActivityKind",
    "Agency",
    "AgencyArea",
    "AnnualPlan",
    "AnnualTarget",
    "BudgetEstimate",
    "Direction",
    "ESTIMATE_TRANSITIONS",
    "EstimateStatus",
    "FundingSource",
    "FundingSourceKind",
    "Indicator",
    "IndicatorKind",
    "IndicatorSource",
    "NewsPost",
    "Objective",
    "PARTNER_REPORT_TRANSITIONS",
    "PLAN_TRANSITIONS",
    "PartnerActivity",
    "PartnerFigure",
    "PartnerKind",
    "PartnerOrganisation",
    "PartnerReport",
    "PartnerReportStatus",
    "Plan",
    "PlanStatus",
    "TargetType",
    "Task",
    "TaskGroup",
]
