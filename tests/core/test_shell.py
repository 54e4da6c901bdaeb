"""The page shell: tables that fit a phone, breadcrumbs by role, data-hx-* attributes, the agency in
the header, the sign-in steps, the allauth pages in Bootstrap, the language selector, the fonts."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from tests.programs.factories import AgencyFactory

BASE = Path(settings.BASE_DIR)
TEMPLATES = [
    p
    for p in BASE.glob("**/templates/**/*.html")
    if not {".venv", "var", "node_modules"} & set(p.relative_to(BASE).parts)
]
SOURCES = TEMPLATES + [
    p for p in BASE.glob("**/*.py") if not {".venv", "var", "node_modules"} & set(p.relative_to(BASE).parts)
]
SOURCES += [p for p in (BASE / "static" / "js").glob("*.js")]


def test_every_table_of_every_page_template_sits_in_the_responsive_table_tag():
    """Printed documents (the PDFs) lay out on A4, not on a phone."""
    loose = []
    for path in TEMPLATES:
        if path.match("reports/templates/reports/document.html"):
            continue
        text = path.read_text()
        for match in re.finditer(r"<table\b", text):
            before = text[: match.start()]
            if before.count("{% responsive_table") <= before.count("{% endresponsive_table"):
                loose.append(f"{path.relative_to(BASE)}:{before.count(chr(10)) + 1}")
    assert loose == []
    assert len(TEMPLATES) > 100


def test_the_responsive_table_tag_wraps_the_table_in_a_named_focusable_scroll_box():
    html = Template('{% load shell %}{% responsive_table "Hồ sơ" %}<table></table>{% endresponsive_table %}').render(
        Context()
    )
    assert (
        html
        == '<div class="table-responsive table-fit" role="region" aria-label="Hồ sơ" tabindex="0"><table></table></div>'
    )


def test_htmx_attributes_are_the_valid_data_hx_ones_everywhere():
    bare = [
        f"{p.relative_to(BASE)}: {m.group(0)}"
        for p in SOURCES
        for m in re.finditer(
            r"(?<![\w-])hx-(get|post|put|delete|trigger|target|swap|select|include|vals)\b[=\"']", p.read_text()
        )
        if p.name != "test_shell.py"
    ]
    assert bare == []


@pytest.mark.parametrize(
    ("roles", "crumbs"),
    [
        (("staff",), ["Hàng đợi công việc"]),
        (("finance",), ["Duyệt kinh phí"]),
        (("leader",), ["Quyết định hỗ trợ"]),
        (("staff", "finance"), ["Hàng đợi công việc", "Duyệt kinh phí"]),
        (("enterprise",), []),  # none of these pages opens for an enterprise: no link at all
    ],
)
def test_breadcrumbs_only_link_to_pages_the_reader_may_open(make_user, roles, crumbs):
    user = make_user(*roles)
    request = RequestFactory().get("/")
    request.user = user
    template = Template(
        '{% load shell %}{% crumb "applications:queue" "Hàng đợi công việc" roles="staff admin" %}'
        '{% crumb "applications:budget_queue" "Duyệt kinh phí" %}{% crumb "applications:decisions" "Quyết định hỗ trợ" %}'
    )
    html = template.render(Context({"request": request}))
    assert re.findall(r'<li class="breadcrumb-item"><a href="[^"]+">([^<]+)</a></li>', html) == crumbs


def test_the_application_page_of_finance_and_leader_has_no_crumb_to_the_staff_queue(make_user, client_for):
    from tests.applications.factories import ApplicationFactory

    application = ApplicationFactory(status="recommended")
    for role, crumb in (("finance", "applications:budget_queue"), ("leader", "applications:decisions")):
        html = client_for(make_user(role)).get(reverse("applications:detail", args=[application.pk])).content.decode()
        crumbs = html[html.index('<ol class="breadcrumb') : html.index("</ol>", html.index('<ol class="breadcrumb'))]
        assert reverse("applications:queue") not in crumbs, role
        assert f'<li class="breadcrumb-item"><a href="{reverse(crumb)}">' in crumbs, role


def test_the_header_names_the_readers_agency_or_the_deployments(make_user, client_for, client, settings, db):
    AgencyFactory(code="old", name="Sở KH&CN tỉnh Quảng Nam", valid_to="2025-06-30")
    first = AgencyFactory(code="dn", name="Sở Khoa học và Công nghệ thành phố Đà Nẵng")
    second = AgencyFactory(code="qng", name="Sở Khoa học và Công nghệ tỉnh Quảng Ngãi")
    brand = re.compile(r'<span class="d-block small brand-agency">([^<]+)</span>')
    assert brand.findall(client.get("/").content.decode()) == [first.name]
    settings.PORTAL_AGENCY = "qng"
    assert brand.findall(client.get("/").content.decode()) == [second.name]
    staff = make_user("staff", agency=first)
    assert brand.findall(client_for(staff).get("/home/").content.decode()) == [first.name]


def test_every_page_has_a_favicon_and_a_meta_description(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert '<link rel="icon" href="/static/img/emblem.svg" type="image/svg+xml">' in html
    description = re.search(r'<meta name="description" content="([^"]+)">', html).group(1)
    assert "năng suất và chất lượng" in description


def test_the_language_selector_changes_only_with_its_button(client, db):
    html = client.get("/").content.decode()
    form = re.search(r'<form[^>]*action="/i18n/setlang/".*?</form>', html, re.S).group(0)
    assert '<button class="btn btn-sm btn-light ms-1" type="submit">Đổi</button>' in form
    assert "noscript" not in form
    assert "autosubmit" not in form
    assert "autosubmit" not in (BASE / "static" / "js" / "app.js").read_text()


def test_the_totp_step_offers_neither_sign_in_nor_register(client, make_user):
    user = make_user("staff", password="mật-khẩu-dài-123")  # noqa: S106
    response = client.post(reverse("account_login"), {"login": user.email, "password": "mật-khẩu-dài-123"})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    html = client.get(response["Location"]).content.decode()
    assert 'name="code"' in html
    header = html[html.index("<header") : html.index("</header>")]
    assert reverse("account_login") not in header
    assert reverse("account_signup") not in header
    from django.test import Client

    login_header = Client().get(reverse("account_login")).content.decode()
    assert f'href="{reverse("account_signup")}"' in login_header.split("</header>")[0]


def test_allauth_pages_use_bootstrap_buttons_stacked_labels_and_valid_help(client, db):
    html = client.get(reverse("account_signup")).content.decode()
    main = html[html.index("<main") :]
    assert '<button class="btn btn-primary" type="submit">' in main
    assert '<label for="id_email" class="form-label requiredField">' in re.sub(r"\s+", " ", main).replace(
        "<label for", "<label for"
    )
    help_text = re.search(r'<div id="id_password1_helptext" class="form-text"><ul>', main)
    assert help_text is not None  # a list in a div, not in a span inside a paragraph
    assert '<span class="helptext"' not in main
    assert "<p>" not in main.split("<form")[1].split("</form>")[0]


def test_the_timeline_opened_directly_is_a_page_and_by_htmx_a_fragment(make_user, client_for):
    from tests.applications.factories import ApplicationFactory

    application = ApplicationFactory(status="submitted")
    staff = client_for(make_user("staff"))
    url = reverse("applications:timeline", args=[application.pk])
    page = staff.get(url).content.decode()
    assert page.startswith("<!doctype html>")
    assert '<section id="timeline"' in page
    fragment = staff.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<section id="timeline"')


def test_pages_load_two_font_files_per_subset_and_no_latin_ext():
    css = (BASE / "static" / "vendor" / "fonts" / "be-vietnam-pro" / "fonts.css").read_text()
    files = re.findall(r"url\(files/([\w.-]+)\)", css)
    assert files == [
        "be-vietnam-pro-vietnamese-400-normal.woff2",
        "be-vietnam-pro-latin-400-normal.woff2",
        "be-vietnam-pro-vietnamese-600-normal.woff2",
        "be-vietnam-pro-latin-600-normal.woff2",
    ]
    assert re.findall(r"font-weight: ([^;]+);", css) == ["400", "400", "500 700", "500 700"]
    on_disk = sorted(p.name for p in (BASE / "static" / "vendor" / "fonts" / "be-vietnam-pro" / "files").iterdir())
    assert on_disk == sorted(files)


def test_the_reviewers_application_page_has_each_id_once(make_user, client_for):
    """The note form and the recommendation form both have a comment field: their ids differ."""
    from collections import Counter

    from tests.applications.factories import ApplicationFactory

    staff = make_user("staff")
    application = ApplicationFactory(status="under_review", reviewer=staff)
    html = client_for(staff).get(reverse("applications:detail", args=[application.pk])).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert "note_comment" in ids
    assert "recommend_comment" in ids
    assert [i for i, n in ids.items() if n > 1] == []
