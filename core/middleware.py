"""Project middleware that belongs to no app."""

from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control


class PageGZipMiddleware(GZipMiddleware):
    """Django's GZip for rendered pages and fragments only: file downloads (streamed from storage;
    PDF, XLSX and images are compressed already) pass as they are and keep their Content-Length."""

    def process_response(self, request, response):
        if response.streaming:
            return response
        return super().process_response(request, response)


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in user (pages, exports,
    files), so that nothing personal stays in a shared cache or the browser's history."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
