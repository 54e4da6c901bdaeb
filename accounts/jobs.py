"""The pages of a user's own background exports: progress, then the download (owner only)."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render

from core.downloads import content_disposition
from core.exports import is_export
from core.jobs import job_or_404
from core.models import JobStatus

from .permissions import role_required


def _export_or_404(request, pk):
    job = job_or_404(user=request.user, pk=pk)
    if not is_export(job):
        raise Http404
    return job


@role_required()
def job_page(request, pk):
    """The export's progress (polled every 2 s while it runs) and its download link when done."""
    return render(request, "accounts/export_job.html", {"job": _export_or_404(request, pk)})


@role_required()
def job_download(request, pk):
    """The finished export's file, to the user who asked for it (any other user: 404)."""
    job = _export_or_404(request, pk)
    if job.status != JobStatus.SUCCEEDED or not job.result.get("file"):
        raise Http404
    try:
        handle = default_storage.open(job.result["file"], "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=job.result["content_type"])
    response["Content-Disposition"] = content_disposition(job.result["filename"])
    response["Cache-Control"] = "private, no-store"
    return response
