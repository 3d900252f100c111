"""Reads of recordings with what their pages show."""

from gcmtalks.panels.models import Speaker
from gcmtalks.talks.models import Talk

from .models import Recording


def recording_with_files(talk: Talk, **filters) -> Recording | None:
    return (
        Recording.objects.filter(talk=talk, **filters)
        .prefetch_related("captions", "transcripts")
        .first()
    )


def published_recording(talk: Talk) -> Recording | None:
    return recording_with_files(talk, status=Recording.Status.PUBLISHED)


def consent_gaps(talk: Talk) -> tuple[list[Speaker], list[Speaker]]:
    """(speakers who refused to be recorded, speakers who have not answered), leaving out
    those who declined to take part."""
    speakers = list(
        Speaker.objects.filter(talk=talk).exclude(confirmed=False).exclude(recording_consent=True)
    )
    refused = [s for s in speakers if s.recording_consent is False]
    unanswered = [s for s in speakers if s.recording_consent is None]
    return refused, unanswered
