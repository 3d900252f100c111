"""Checks on captions (WebVTT or SRT, recognised by their content) and transcripts (PDF or
Word, through the documents' checks)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gcmtalks.documents.uploads import check_document_file, check_size_and_name, safe_name

VTT = "text/vtt"
SRT = "application/x-subrip"
WEBVTT_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?(?:\r?\n|$)")
SRT_CUE = re.compile(
    r"\s*\d+[ \t]*\r?\n"
    r"\d{1,2}:\d{2}:\d{2}[,.]\d{3}[ \t]*-->[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{3}"
)
TRANSCRIPT_TYPES = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def check_captions_file(upload) -> tuple[str, str]:
    """(safe file name, content type) of a WebVTT or SRT file in UTF-8; ValidationError
    otherwise, with a message for the person who sent it."""
    check_size_and_name(upload)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    not_captions = ValidationError(
        _("This is not a captions file: captions must be WebVTT (.vtt) or SRT (.srt) text."),
        code="type",
    )
    if b"\x00" in data:
        raise not_captions
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The captions file must be saved as UTF-8 text."), code="encoding"
        ) from None
    if WEBVTT_HEADER.match(text):
        return safe_name(upload.name, "vtt"), VTT
    if SRT_CUE.match(text):
        return safe_name(upload.name, "srt"), SRT
    raise not_captions


def check_transcript_file(upload) -> tuple[str, str]:
    name, content_type = check_document_file(upload)
    if content_type not in TRANSCRIPT_TYPES:
        raise ValidationError(_("A transcript must be a PDF or Word (.docx) file."), code="type")
    return name, content_type
