"""Who gets the calendar by mail, and which talks have been announced.

A subscriber is only what sending needs: the address, the choices, the language and a few
dates. The personal link is not stored, neither plain nor hashed: it is the random `key`
signed with SECRET_KEY (links.py), so a copy of this table alone opens nobody's page. An
address that unsubscribes is deleted, with the mail kept for it.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.models import Language, Objective, Region
from gcmtalks.talks.models import Organiser, Talk


def new_key() -> str:
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    key = models.CharField(_("key"), max_length=32, unique=True, default=new_key, editable=False)
    email = models.EmailField(_("email address"), unique=True)
    # One of settings.LANGUAGES (checked by the forms; not choices here, so that renaming a
    # language needs no migration).
    language = models.CharField(
        _("language of the mails"), max_length=10, default=settings.LANGUAGE_CODE
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("regions")
    )
    organisers = models.ManyToManyField(
        Organiser, blank=True, related_name="+", verbose_name=_("workstreams and organisers")
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="+", verbose_name=_("interpretation languages")
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="+", verbose_name=_("GCM objectives")
    )
    weekly_digest = models.BooleanField(_("weekly digest"), default=True)
    announcements = models.BooleanField(_("announcements of new talks"), default=False)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The last confirmation or personal-link mail: asking again within minutes sends nothing.
    link_sent_at = models.DateTimeField(_("link sent at"), null=True, blank=True)
    # The last week whose digest was considered ("2027-W18"), and the moment since which
    # changed talks go into the next digest.
    digest_week = models.CharField(_("last digest week"), max_length=8, blank=True)
    digest_since = models.DateTimeField(_("digest since"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        indexes = [models.Index(fields=["confirmed_at", "digest_week"], name="subscriber_due_idx")]

    def __str__(self):
        # Never the address: this is what audit entries keep.
        return _("Subscriber %(id)s") % {"id": self.pk}

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class PublishedTalk(models.Model):
    """The circulation's own record of a talk it has seen published: when it first saw it
    (what the digest calls new) and when it was announced (each talk once)."""

    talk = models.OneToOneField(
        Talk,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="circulation_record",
        verbose_name=_("talk"),
    )
    seen_at = models.DateTimeField(_("first seen published"))
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("published talk")
        verbose_name_plural = _("published talks")

    def __str__(self):
        return str(self.talk_id)
