"""Checks on uploaded files: only PDF, DOCX, PPTX and XLSX, recognised by their content (not
their name), not empty, not too large, and stored under a plain file name."""

import re
import unicodedata
import zipfile
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
OFFICE = {
    # The part every file of the kind holds, and its type.
    "word/document.xml": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "ppt/presentation.xml": (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "xl/workbook.xml": (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
ACCEPTED = ".pdf, .docx, .pptx, .xlsx"


def kind_of(upload) -> tuple[str, str] | None:
    """(extension, content type) read from the file's first bytes and, for Office files,
    from the parts inside the zip; None for anything else."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf", PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        # Macro-enabled files (.docm, .pptm, .xlsm) hold the same parts and a VBA project.
        if "[Content_Types].xml" in names and not any(n.endswith("vbaProject.bin") for n in names):
            for part, kind in OFFICE.items():
                if part in names:
                    return kind
    return None


def safe_name(name: str, extension: str) -> str:
    """The file's own name without any folder, reduced to letters, digits, dots, dashes and
    underscores, ending with the extension its content has."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-_")[:100] or "document"
    return f"{stem}.{extension}"


def check_size_and_name(upload) -> None:
    """Any upload: not empty, not too large, a plain file name."""
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
            },
            code="too_large",
        )
    if "/" in upload.name or "\\" in upload.name or "\x00" in upload.name:
        raise ValidationError(_("The file name must not contain a folder."), code="path")


def check_document_file(upload) -> tuple[str, str]:
    """(safe file name, content type) of an acceptable upload; ValidationError otherwise,
    with a message for the person who sent it."""
    check_size_and_name(upload)
    kind = kind_of(upload)
    if kind is None:
        raise ValidationError(
            _("This is not a PDF, Word, PowerPoint or Excel file (%(accepted)s).")
            % {"accepted": ACCEPTED},
            code="type",
        )
    extension, content_type = kind
    return safe_name(upload.name, extension), content_type
