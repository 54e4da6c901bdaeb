"""Who may do what with the national roll-up: the Ministry's read-only role (see accounts.permissions)."""

from accounts.models import Role
from accounts.permissions import RoleTable

ROLES = RoleTable("national", {"rollup": (Role.NATIONAL,)})  # the page and its exports
