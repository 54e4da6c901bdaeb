"""Project middleware that belongs to no app."""

from django.middleware.gzip import GZipMiddleware


class PageGZipMiddleware(GZipMiddleware):
    """Django's GZip for rendered pages and fragments only: file downloads (streamed from storage;
    PDF, XLSX and images are compressed already) pass as they are and keep their Content-Length."""

    def process_response(self, request, response):
        if response.streaming:
            return response
        return super().process_response(request, response)
