"""Stored files sent as downloads: the one way documents and practice documents are served."""

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control


def file_download(field_file, *, filename: str, content_type: str) -> FileResponse:
    """The stored file as an attachment; 404 when its file is gone from the storage."""
    try:
        file = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)


def download_headers(response, *, public: bool):
    """Never sniffed; kept five minutes by shared caches when public, by none otherwise."""
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        patch_cache_control(response, public=True, max_age=300)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
