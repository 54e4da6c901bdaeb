"""Forms of the programs pages: shape only; the rules live in the models' clean() and the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.money_input import MoneyField
from core.querystring import id_field, year_field

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
    PlanStatus,
    Task,
    TaskGroup,
)
from .selectors.partners import reportable_indicators

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.ModelForm):
    """The plan's identity; its status moves only through the life-cycle services."""

    class Meta:
        model = Plan
        fields = [
            "agency",
            "title",
            "short_title",
            "issuing_body",
            "province_name",
            "targets_note",
            "start_year",
            "end_year",
            "data_year_start_day",
            "data_year_start_month",
        ]

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["agency"]  # a plan never moves to another agency
        else:
            self.fields["agency"].queryset = agencies
            self.fields["agency"].empty_label = None


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
        field_classes = {"cost": MoneyField}
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


class EstimatePrefillQuery(forms.Form):
    """``?plan=&year=&source=`` of the budget queue's link to a proposal; a value that does not
    parse is left out (``core.querystring``)."""

    plan = id_field()
    year = year_field()
    source = id_field()


class EstimateProposeForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("plan"), queryset=Plan.objects.none())
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    source = forms.ModelChoiceField(label=_("funding source"), queryset=FundingSource.objects.all())
    amount = MoneyField(label=_("proposed amount (VND)"), min_value=0)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans.filter(status=PlanStatus.ACTIVE)


class AmountForm(forms.Form):
    amount = MoneyField(label=_("amount (VND)"), min_value=0)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


class PartnerReportForm(forms.ModelForm):
    class Meta:
        model = PartnerReport
        fields = ["organisation", "plan", "year", "period_start", "period_end", "summary"]
        labels = {"organisation": _("Organisation"), "plan": _("Plan")}
        widgets = {"period_start": DATE, "period_end": DATE, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        from .agencies import agencies_in_charge_of

        super().__init__(*args, **kwargs)
        organisations = user.partner_organisations.filter(is_active=True)
        self.fields["organisation"].queryset = organisations
        agencies = {a for o in organisations for a in agencies_in_charge_of(o.agency_id)}
        self.fields["plan"].queryset = Plan.objects.filter(agency__in=agencies).exclude(status=PlanStatus.DRAFT)


class PartnerFigureForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("indicator"), queryset=Indicator.objects.none())
    value = forms.DecimalField(label=_("value"), max_digits=14, decimal_places=2, min_value=0)
    evidence_note = forms.CharField(label=_("evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence_file = forms.FileField(label=_("evidence file"), required=False)

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = reportable_indicators(report)


class PartnerActivityForm(forms.ModelForm):
    class Meta:
        model = PartnerActivity
        fields = ["kind", "title", "date", "results", "cost"]
        field_classes = {"cost": MoneyField}
        widgets = {"date": DATE, "results": forms.Textarea(attrs={"rows": 2})}


class NewsPostForm(forms.ModelForm):
    class Meta:
        model = NewsPost
        fields = ["plan", "title", "slug", "summary", "body", "is_published", "published_at"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans


class PlanApproveForm(forms.Form):
    decision_number = forms.CharField(label=_("decision number"), max_length=50)
    decision_date = forms.DateField(label=_("decision date"), widget=DATE)


class SuccessorForm(forms.Form):
    """The next plan: its agency, title and span, and each indicator's baseline (shown, editable)."""

    agency = forms.ModelChoiceField(label=_("managing agency"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("title"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    short_title = forms.CharField(label=_("short title"), max_length=200, required=False)
    issuing_body = forms.CharField(label=_("issuing body"), max_length=255)
    province_name = forms.CharField(label=_("province name"), max_length=100)
    start_year = forms.IntegerField(label=_("start year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("end year"), min_value=2000, max_value=2100)

    def __init__(self, *args, agencies, baselines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.baseline_fields = []
        for proposed in baselines:
            name = f"baseline_{proposed.indicator.pk}"
            self.fields[name] = forms.DecimalField(
                label=f"{proposed.indicator.code}. {proposed.indicator.name}",
                max_digits=14,
                decimal_places=2,
                min_value=0,
                required=False,
                initial=proposed.value,
            )
            self.baseline_fields.append((self[name], proposed))

    def baselines(self) -> dict:
        """{indicator id: the baseline kept or typed in}."""
        return {p.indicator.pk: self.cleaned_data.get(f"baseline_{p.indicator.pk}") for _f, p in self.baseline_fields}
