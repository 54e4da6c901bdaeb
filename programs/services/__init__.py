"""Every write in programs, by concern; re-exported here."""

from .activities import activity_attach, activity_save, attachment_delete
from .budget import estimate_appraise, estimate_approve, estimate_propose, estimate_return
from .lifecycle import plan_activate, plan_approve, plan_close
from .news import news_save
from .partners import (
    partner_activity_save,
    partner_figure_save,
    partner_report_approve,
    partner_report_return,
    partner_report_save,
    partner_report_submit,
    partner_report_unlock,
)
from .plans import annual_target_save, plan_item_save, plan_save
from .succession import plan_create_successor

__all__ = [
    "activity_attach",
    "activity_save",
    "annual_target_save",
    "attachment_delete",
    "estimate_appraise",
    "estimate_approve",
    "estimate_propose",
    "estimate_return",
    "news_save",
    "partner_activity_save",
    "partner_figure_save",
    "partner_report_approve",
    "partner_report_return",
    "partner_report_save",
    "partner_report_submit",
    "partner_report_unlock",
    "plan_activate",
    "plan_approve",
    "plan_close",
    "plan_create_successor",
    "plan_item_save",
    "plan_save",
]
