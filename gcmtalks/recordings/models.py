"""A talk's recording: a link to where the video lives, who may see it, and optional captions
and transcript files per language."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.fields import URLField
from gcmtalks.core.models import Access
from gcmtalks.talks.models import Talk

from . import hosts


def upload_to(instance, filename: str) -> str:
    # A random folder per file: stored names say nothing and cannot be guessed or collide.
    return f"recordings/{instance.recording.talk_id}/{secrets.token_hex(16)}/{filename}"


class Recording(models.Model):
    class Host(models.TextChoices):
        UN_WEB_TV = hosts.UN_WEB_TV, _("UN Web TV")
        YOUTUBE = hosts.YOUTUBE, _("YouTube")
        VIMEO = hosts.VIMEO, _("Vimeo")
        OTHER = hosts.OTHER, _("Another site")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    Access = Access

    talk = models.OneToOneField(Talk, on_delete=models.CASCADE, related_name="recording")
    url = URLField(_("link to the recording"), max_length=500)
    host = models.CharField(_("host"), max_length=10, choices=Host.choices, default=Host.OTHER)
    access = models.CharField(
        _("who may see the recording"),
        max_length=15,
        choices=Access.choices,
        default=Access.PUBLIC,
    )
    transcript_access = models.CharField(
        _("who may read the transcripts"),
        max_length=15,
        choices=Access.choices,
        default=Access.PUBLIC,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")

    def __str__(self):
        return str(_("Recording of %(talk)s") % {"talk": self.talk})

    @property
    def embed_url(self) -> str:
        return hosts.embed_url(self.url)


class RecordingFile(models.Model):
    """A file in one language: captions or a transcript."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to=upload_to, max_length=255)
    file_name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["recording", "language"]

    def __str__(self):
        return f"{self.file_name} ({self.language})"


class Captions(RecordingFile):
    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="captions")

    class Meta(RecordingFile.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["recording", "language"], name="one_captions_file_per_language"
            )
        ]
        verbose_name = _("captions file")
        verbose_name_plural = _("captions files")


class Transcript(RecordingFile):
    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="transcripts")

    class Meta(RecordingFile.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["recording", "language"], name="one_transcript_per_language"
            )
        ]
        verbose_name = _("transcript")
        verbose_name_plural = _("transcripts")
