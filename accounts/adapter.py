from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

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
