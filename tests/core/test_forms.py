"""One way to put a service's refusal onto a form: core.forms.add_refusal."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from core.forms import add_refusal, refusal_messages


class CourseForm(forms.Form):
    title = forms.CharField()
    file = forms.FileField(required=False)


def bound():
    form = CourseForm({"title": "5S"})
    assert form.is_valid()
    return form


def test_field_errors_go_to_their_field_with_their_codes_the_rest_to_the_top():
    form = bound()
    add_refusal(
        form,
        ValidationError(
            {
                "title": ValidationError("Tên đã có.", code="duplicate"),
                "starts_on": "Ngày bắt đầu đã qua.",  # not a field of this form
            }
        ),
    )
    assert form.errors == {"title": ["Tên đã có."], "__all__": ["Ngày bắt đầu đã qua."]}
    assert form.has_error("title", code="duplicate")
    assert "title" not in form.cleaned_data


def test_a_plain_refusal_goes_to_the_top_or_to_the_field_named():
    form = bound()
    add_refusal(form, ValidationError(["Khoá học đã đóng.", "Hết chỗ."]))
    assert form.non_field_errors() == ["Khoá học đã đóng.", "Hết chỗ."]
    form = bound()
    add_refusal(form, ValidationError("Tệp rỗng.", code="empty"), field="file")
    assert form.errors == {"file": ["Tệp rỗng."]}
    assert form.has_error("file", code="empty")


def test_a_permission_refusal_says_its_reason_or_that_you_may_not():
    assert refusal_messages(PermissionDenied("Chỉ lãnh đạo được duyệt.")) == ["Chỉ lãnh đạo được duyệt."]
    assert refusal_messages(PermissionDenied()) == ["Bạn không được thực hiện thao tác này."]
    form = bound()
    add_refusal(form, PermissionDenied("Chỉ lãnh đạo được duyệt."))
    assert form.non_field_errors() == ["Chỉ lãnh đạo được duyệt."]
