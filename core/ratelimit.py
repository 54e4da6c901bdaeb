"""The client's address for rate limits: one answer for allauth's limits and the portal's own."""

from allauth.core.internal.ratelimit import get_ip


def client_address(request) -> str:
    """The address a rate limit keys on: allauth's own (REMOTE_ADDR, or the address our
    ``TRUSTED_PROXY_COUNT`` proxies saw, IPv6 truncated to its /64), so a login limit and a
    lookup limit always count the same client the same way."""
    return get_ip(request)
