"""A talk's documents (concept note, agenda, background papers, presentations), each with one
file or text per language, a status and an access level."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.models import Access
from gcmtalks.talks.models import Talk


def upload_to(version, filename: str) -> str:
    # A random folder per file: stored names say nothing and cannot be guessed or collide.
    return f"documents/{version.document.talk_id}/{secrets.token_hex(16)}/{filename}"


class Document(models.Model):
    class Kind(models.TextChoices):
        CONCEPT_NOTE = "concept_note", _("Concept note")
        AGENDA = "agenda", _("Agenda")
        BACKGROUND = "background", _("Background paper")
        PRESENTATION = "presentation", _("Presentation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    Access = Access

    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    access = models.CharField(
        _("who may see it"), max_length=15, choices=Access.choices, default=Access.PUBLIC
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["talk", "position", "id"]
        indexes = [models.Index(fields=["talk", "status", "access"])]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title or str(self.get_kind_display())


class Version(models.Model):
    """The document in one language: an uploaded file, or text written in the workspace."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to=upload_to, max_length=255, blank=True)
    file_name = models.CharField(_("file name"), max_length=150, blank=True)
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    text = models.TextField(_("text"), blank=True)
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
        ordering = ["document", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"], name="one_version_per_language"
            )
        ]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")

    def __str__(self):
        return f"{self.document} ({self.language})"
