"""Reusable reads of practices, with what their pages show already fetched."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet

from gcmtalks.talks.models import Talk
from gcmtalks.talks.roles import roles_of

from .models import Practice, PracticeDocument, PracticeText, Review

Status = Practice.Status


def accepted() -> QuerySet[Practice]:
    return Practice.objects.filter(status=Status.ACCEPTED)


def public_list(filters: dict) -> QuerySet[Practice]:
    """Accepted practices matching the public filters (cleaned PracticeFilterForm data)."""
    practices = accepted()
    for name, lookup in (("objective", "objectives"), ("principle", "principles"),
                         ("region", "regions"), ("country", "countries"),
                         ("stakeholder_group", "stakeholder_groups"),
                         ("language", "languages"), ("talk", "talks")):  # fmt: skip
        if filters.get(name):
            practices = practices.filter(**{lookup: filters[name]})
    if filters.get("q"):
        q = filters["q"]
        practices = practices.filter(
            Q(title__icontains=q) | Q(summary__icontains=q) | Q(description__icontains=q)
            | Q(implementing_organisations__icontains=q) | Q(key_takeaway__icontains=q)
            | Q(pk__in=PracticeText.objects.filter(Q(title__icontains=q) | Q(summary__icontains=q))
                .values("practice_id"))
        )  # fmt: skip
    return practices.prefetch_related("objectives", "countries", "texts").order_by(
        "-decided_at", "-id"
    )


def public_detail(pk: int) -> Practice | None:
    return (
        accepted()
        .filter(pk=pk)
        .prefetch_related(
            "objectives",
            "principles",
            "countries",
            "regions",
            "stakeholder_groups",
            "languages",
            "links",
            "documents",
            "texts",
            Prefetch("talks", Talk.objects.exclude(status=Talk.Status.DRAFT).order_by("start")),
        )  # fmt: skip
        .first()
    )


def public_document(practice_pk: int, pk: int) -> PracticeDocument | None:
    """A document of an accepted practice."""
    return PracticeDocument.objects.filter(
        pk=pk, practice_id=practice_pk, practice__status=Status.ACCEPTED
    ).first()


def document_of(practice: Practice, pk: int) -> PracticeDocument | None:
    """One of the practice's documents (from its prefetched ones when there)."""
    return next((d for d in practice.documents.all() if d.pk == pk), None)


def practices_of(user) -> QuerySet[Practice]:
    return Practice.objects.filter(submitter=user).prefetch_related("talks")


def practice_for(pk: int) -> Practice | None:
    """Any practice, with its reviews, for the permission check and the review page."""
    return (
        Practice.objects.filter(pk=pk)
        .select_related("submitter")
        .prefetch_related(
            Prefetch("reviews", Review.objects.select_related("reviewer")),
            "objectives",
            "principles",
            "countries",
            "regions",
            "stakeholder_groups",
            "languages",
            "links",
            "documents",
            "talks",
            "texts",
        )  # fmt: skip
        .first()
    )


def practices_to_review(user) -> QuerySet[Practice]:
    """Submitted practices: all for the secretariat, else those the user is assigned to."""
    practices = Practice.objects.exclude(status=Status.DRAFT)
    if not roles_of(user).secretariat:
        practices = practices.filter(
            pk__in=Review.objects.filter(reviewer=user).values("practice_id")
        )
    done = Q(reviews__submitted_at__isnull=False, reviews__conflict_declared=False)
    return (
        practices.select_related("submitter")
        .annotate(
            assigned=Count("reviews", distinct=True),
            done_un=Count("reviews", filter=done & Q(reviews__is_un=True), distinct=True),
            done_other=Count("reviews", filter=done & Q(reviews__is_un=False), distinct=True),
        )
        .order_by("submitted_at", "id")
    )


def talk_practices(talk: Talk) -> list[Practice]:
    return list(accepted().filter(talks=talk).prefetch_related("texts").order_by("title", "id"))


@dataclass(frozen=True)
class Shown:
    """A practice's title and summary as a reader of `requested` gets them."""

    title: str
    summary: str
    language: str
    requested: str

    @property
    def fallback(self) -> bool:
        return self.language != self.requested


def shown_text(practice: Practice, language: str) -> Shown:
    """The reader's language, else English, else the language the practice is written in
    (reads the prefetched texts)."""
    texts = {text.language: text for text in practice.texts.all()}
    texts[practice.language] = practice
    for code in (language, settings.LANGUAGE_CODE):
        if code in texts:
            return Shown(texts[code].title, texts[code].summary, code, language)
    return Shown(practice.title, practice.summary, practice.language, language)


def accepted_counts(talk_ids) -> dict[int, int]:
    """{talk id: accepted practices presented at it}, for the calendar's Hub column; talks
    without any are left out."""
    rows = (
        Practice.talks.through.objects.filter(
            talk_id__in=list(talk_ids), practice__status=Status.ACCEPTED
        )
        .values("talk_id")
        .annotate(n=Count("practice_id"))
    )
    return {row["talk_id"]: row["n"] for row in rows}
