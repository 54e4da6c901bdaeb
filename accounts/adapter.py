from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from core.site import absolute_url, current_site

from .models import Role
from .services import user_set_roles


class AccountAdapter(DefaultAccountAdapter):
    """Self sign-up creates enterprise representatives; other roles are given by an admin."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_set_roles(user=user, roles={Role.ENTERPRISE}, actor=user, reason="self sign-up")
        return user

    def get_login_redirect_url(self, request):
        return reverse("accounts:home")

    # E-mails: links on the configured site, the portal's name in the greeting (not the host).
    def send_mail(self, template_prefix, email, context):
        return super().send_mail(template_prefix, email, {**context, "current_site": current_site()})

    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return absolute_url(super().get_reset_password_from_key_url(key))
