"""Forms of the programs pages: shape only; the rules live in the models' clean() and the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .measures import measure_choices
from .models import (
    Activity,
    AnnualPlan,
    FundingSource,
    Indicator,
    IndicatorSource,
    NewsPost,
    Objective,
    PartnerActivity,
    PartnerReport,
    Plan,
    Task,
    TaskGroup,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "title",
            "short_title",
            "decision_number",
            "decision_date",
            "issuing_body",
            "province_name",
            "parent_agency",
            "agency",
            "agency_abbreviation",
            "report_place",
            "start_year",
            "end_year",
            "data_year_start_day",
            "data_year_start_month",
            "status",
        ]
        widgets = {"decision_date": DATE}


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["code", "title", "order"]
        widgets = {"title": forms.Textarea(attrs={"rows": 3})}


class IndicatorForm(forms.ModelForm):
    measure = forms.ChoiceField(label=_("measure"), required=False)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "unit",
            "kind",
            "target_type",
            "target_min",
            "target_max",
            "tolerance_percent",
            "baseline_value",
            "baseline_year",
            "direction",
            "source",
            "measure",
            "measure_arg",
            "order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "---------"), *measure_choices()]
        current = self.instance.measure if self.instance else ""
        if current and current not in dict(choices):
            choices.append((current, current))
        self.fields["measure"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("source") == IndicatorSource.COMPUTED and not data.get("measure"):
            self.add_error("measure", _("Choose how the actual is measured."))
        return data


class AnnualPlanForm(forms.ModelForm):
    class Meta:
        model = AnnualPlan
        fields = ["year", "title", "decision_number", "decision_date"]
        widgets = {"decision_date": DATE}


class AnnualTargetForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("indicator"), queryset=Indicator.objects.none())
    target_min = forms.DecimalField(label=_("target (minimum)"), max_digits=14, decimal_places=2)
    target_max = forms.DecimalField(label=_("target (maximum)"), max_digits=14, decimal_places=2, required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(objective__plan=plan).select_related("objective")

    def clean(self):
        data = super().clean()
        low, high = data.get("target_min"), data.get("target_max")
        if low is not None and high is not None and high < low:
            self.add_error("target_max", _("The maximum must not be less than the minimum."))
        return data


class TaskGroupForm(forms.ModelForm):
    class Meta:
        model = TaskGroup
        fields = ["number", "title"]


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["code", "title"]
        widgets = {"title": forms.Textarea(attrs={"rows": 3})}


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "task",
            "kind",
            "title",
            "date",
            "description",
            "results",
            "cost",
            "funding_source",
            "responsible_organisation",
        ]
        widgets = {
            "date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = Task.objects.filter(group__plan=plan).select_related("group")


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("file"), help_text=_("PDF, Word, Excel, JPEG or PNG."))


class EstimateProposeForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("plan"), queryset=Plan.objects.all())
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    source = forms.ModelChoiceField(label=_("funding source"), queryset=FundingSource.objects.all())
    amount = forms.IntegerField(label=_("proposed amount (VND)"), min_value=0)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AmountForm(forms.Form):
    amount = forms.IntegerField(label=_("amount (VND)"), min_value=0)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


class PartnerReportForm(forms.ModelForm):
    class Meta:
        model = PartnerReport
        fields = ["organisation", "plan", "year", "period_start", "period_end", "summary"]
        widgets = {"period_start": DATE, "period_end": DATE, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = user.partner_organisations.filter(is_active=True)


class PartnerFigureForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("indicator"), queryset=Indicator.objects.none())
    value = forms.DecimalField(label=_("value"), max_digits=14, decimal_places=2, min_value=0)
    evidence_note = forms.CharField(label=_("evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence_file = forms.FileField(label=_("evidence file"), required=False)

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            objective__plan=report.plan, source=IndicatorSource.PARTNER
        )


class PartnerActivityForm(forms.ModelForm):
    class Meta:
        model = PartnerActivity
        fields = ["kind", "title", "date", "results", "cost"]
        widgets = {"date": DATE, "results": forms.Textarea(attrs={"rows": 2})}


class NewsPostForm(forms.ModelForm):
    class Meta:
        model = NewsPost
        fields = ["plan", "title", "slug", "summary", "body", "is_published", "published_at"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }
