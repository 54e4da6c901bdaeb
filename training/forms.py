from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core import clock
from core.money_input import MoneyField
from enterprises.models import Enterprise

from .models import Course, CourseSession, CourseStatus, Gender
from .services import COURSE_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = list(COURSE_FIELDS)  # what the service accepts, in one place
        field_classes = {"cost": MoneyField}
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "registration_opens": DateInput(),
            "registration_closes": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        from programs.selectors.plans import plans_visible_to

        super().__init__(*args, **kwargs)
        plans = plans_visible_to(user=user)
        self.fields["plan"].queryset = plans
        self.fields["task"].queryset = (
            self.fields["task"].queryset.filter(group__plan__in=plans).select_related("group")
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))


class SessionForm(forms.ModelForm):
    class Meta:
        model = CourseSession
        fields = ["date", "start_time", "end_time", "topic"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Add session")))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=CourseStatus.choices)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RegistrationForm(forms.Form):
    """A person registered for a course; representatives pick one of their enterprises."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "---------"), *Gender.choices], required=False)
    birth_year = forms.IntegerField(label=_("Birth year"), required=False, min_value=1930)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    enterprise = forms.ModelChoiceField(label=_("Enterprise"), queryset=Enterprise.objects.none(), required=False)
    tax_code = forms.CharField(label=_("Enterprise tax code"), max_length=14, required=False)
    organisation = forms.CharField(label=_("Organisation (if not an enterprise)"), max_length=255, required=False)

    def __init__(self, *args, enterprises=None, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        if staff:
            del self.fields["enterprise"]
        else:
            del self.fields["tax_code"]
            del self.fields["organisation"]
            self.fields["enterprise"].queryset = enterprises
            self.fields["enterprise"].required = True
            self.fields["enterprise"].empty_label = None
        self.fields["birth_year"].max_value = clock.today().year - 15
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Register")))

    def clean_tax_code(self):
        code = self.cleaned_data.get("tax_code", "").strip()
        if not code:
            return None
        enterprise = Enterprise.objects.filter(tax_code=code).first()
        if enterprise is None:
            raise forms.ValidationError(_("No enterprise has this tax code."))
        return enterprise

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(_("Give an e-mail address or a phone number so that we can reach the person."))
        return data

    @property
    def chosen_enterprise(self):
        return self.cleaned_data.get("tax_code") if self.staff else self.cleaned_data.get("enterprise")


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=20)

    def clean_code(self):
        from .certificates import normalise_code

        code = normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("Enter the code printed on the certificate (letters and digits)."))
        return code


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX file"))
