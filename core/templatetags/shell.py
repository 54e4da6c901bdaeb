"""Tags of the page shell: tables that fit a phone, breadcrumbs that follow the reader's role."""

from django import template
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


class ResponsiveTableNode(template.Node):
    def __init__(self, nodelist, label):
        self.nodelist = nodelist
        self.label = label

    def render(self, context):
        label = (
            self.label.resolve(context) if self.label is not None else _("Table (scrolls sideways on small screens)")
        )
        # A keyboard user scrolls the region too (WCAG 2.1.1): it is focusable and named.
        return format_html(
            '<div class="table-responsive table-fit" role="region" aria-label="{}" tabindex="0">{}</div>',
            label,
            self.nodelist.render(context),
        )


@register.tag
def responsive_table(parser, token):
    """``{% responsive_table [label] %}<table>…</table>{% endresponsive_table %}``: every table of
    the portal sits in this; below the ``md`` breakpoint the table scrolls inside its own box, the
    page never gets wider than the screen."""
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("responsive_table takes at most one argument (its label)")
    label = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endresponsive_table",))
    parser.delete_first_token()
    return ResponsiveTableNode(nodelist, label)


def may_open(user, url: str) -> bool:
    """Whether ``user`` holds a role the view at ``url`` requires (``role_required`` marks its
    views with ``required_roles``; a view without the mark is open to everyone)."""
    try:
        view = resolve(url).func
    except Resolver404:
        return False
    roles = getattr(view, "required_roles", None)
    if roles is None:
        return True
    return user.is_authenticated and user.has_role(*roles)


@register.simple_tag(takes_context=True)
def crumb(context, url_name, label, *args, roles=""):
    """A breadcrumb link to ``url_name``, only when the reader may open that page (never a link
    that answers 403) and, with ``roles="staff admin"``, holds one of those roles (the way a role
    came to the page); nothing otherwise."""
    try:
        url = reverse(url_name, args=args)
    except NoReverseMatch:
        return ""
    user = context["request"].user
    if not may_open(user, url) or (roles and not user.has_role(*roles.split())):
        return ""
    return format_html('<li class="breadcrumb-item"><a href="{}">{}</a></li>', url, label)
