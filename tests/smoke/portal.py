"""An HTTP client for the portal as a browser behind our TLS-terminating proxy sees it: requests
carry X-Forwarded-Proto: https and X-Forwarded-For (the proxy's view of the client address),
POSTs carry the Origin and the CSRF token of the page, and Secure cookies are sent on loopback."""

import re
from urllib.parse import urljoin, urlsplit

import requests

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class PortalError(AssertionError):
    pass


class Portal:
    def __init__(self, base_url: str, *, client_address: str):
        self.base_url = base_url.rstrip("/")
        self.origin = "https://" + urlsplit(self.base_url).netloc
        self.session = requests.Session()
        self.session.headers.update(
            {
                "X-Forwarded-For": client_address,
                "X-Forwarded-Proto": "https",
                "Accept-Language": "vi",
                "User-Agent": "nangsuat-smoke",
            }
        )

    def url(self, path: str) -> str:
        return urljoin(self.base_url + "/", path.lstrip("/"))

    def _keep_secure_cookies(self, response: requests.Response) -> requests.Response:
        """The portal sets its cookies Secure (as it must); the proxy in front would speak TLS to
        the browser, and on loopback we stand in for both, so the cookies go back over http."""
        for cookie in self.session.cookies:
            cookie.secure = False
        return response

    def get(self, path: str, *, expect: int = 200, **kwargs) -> requests.Response:
        response = self.session.get(self.url(path), allow_redirects=False, timeout=60, **kwargs)
        self._keep_secure_cookies(response)
        if response.status_code != expect:
            raise PortalError(f"GET {path}: {response.status_code}, expected {expect}\n{response.text[:2000]}")
        return response

    def csrf(self, path: str) -> str:
        match = CSRF.search(self.get(path).text)
        if not match:
            raise PortalError(f"no CSRF token on {path}")
        return match.group(1)

    def post(self, path: str, data: dict, *, form_page: str | None = None, expect: int = 302, files=None):
        """POST ``data`` with the CSRF token of ``form_page`` (``path`` by default)."""
        token = self.csrf(form_page or path)
        response = self.session.post(
            self.url(path),
            data={"csrfmiddlewaretoken": token, **data},
            files=files,
            headers={"Origin": self.origin, "Referer": self.origin + (form_page or path)},
            allow_redirects=False,
            timeout=120,
        )
        self._keep_secure_cookies(response)
        if response.status_code != expect:
            raise PortalError(f"POST {path}: {response.status_code}, expected {expect}\n{response.text[:3000]}")
        return response

    def sign_in(self, email: str, password: str, *, totp=None) -> None:
        """Sign in with e-mail and password, then (internal roles) the TOTP code ``totp()``."""
        response = self.post("/accounts/login/", {"login": email, "password": password})
        location = response.headers["Location"]
        if totp is not None:
            if "/2fa/authenticate" not in location:
                raise PortalError(f"the portal did not ask {email} for a TOTP code (went to {location})")
            response = self.post(location, {"code": totp()})
            location = response.headers["Location"]
        if location.rstrip("/") != "/home":
            raise PortalError(f"{email} was sent to {location} after signing in")
