"""Every change to a practice: each checks the practice's state under a row lock, records an
audit entry and queues the mail it causes (to the submitter, to a reviewer) in the same
transaction."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gcmtalks.core import audit, public_cache
from gcmtalks.documents.uploads import check_document_file
from gcmtalks.notifications.services import mail_queue

from .models import Practice, PracticeDocument, PracticeText, Review

Status = Practice.Status
RELATED = ("objectives", "principles", "countries", "regions", "stakeholder_groups",
           "languages", "talks")  # fmt: skip
TRACKED = ("language", "title", "summary", "description", "key_takeaway", "period_start", "period_end",
           "implementing_organisations", "on_behalf_of_name", "on_behalf_of_organisation",
           *RELATED)  # fmt: skip
UN_NEEDED, NON_UN_NEEDED = 1, 2
MAX_DOCUMENTS = 10


class NotAllowed(Exception):
    """The change does not fit the practice's state; the message says why."""


def locked(practice: Practice) -> Practice:
    return Practice.objects.select_for_update().get(pk=practice.pk)


def snapshot(practice: Practice, data: dict | None = None) -> dict:
    data = data or {}
    values = {}
    for name in TRACKED:
        if name in data:
            values[name] = data[name]
        elif name in RELATED:
            values[name] = list(getattr(practice, name).all()) if practice.pk else []
        else:
            values[name] = getattr(practice, name, None)
    return values


def practice_save(*, form, links, by, texts: dict | None = None) -> Practice:
    """Create or change a practice from a valid PracticeForm and link formset (and its texts in
    other languages, TextsForm.texts()); only a draft or a practice returned for changes can
    change."""
    with transaction.atomic():
        before = {}
        if form.instance.pk:
            current = locked(form.instance)
            if current.status not in Practice.EDITABLE:
                raise NotAllowed(_("This practice is in review: it can no longer be changed."))
            before = snapshot(current)
        practice = form.save(commit=False)
        if not practice.pk:
            practice.submitter = by
            practice.locale = get_language() or settings.LANGUAGE_CODE
        changes = audit.diff(before, snapshot(practice, form.cleaned_data))
        practice.save()
        form.save_m2m()
        links.instance = practice
        links.save()
        action = "practice.change" if before else "practice.create"
        audit.record(obj=practice, action=action, by=by, changes=changes)
        if texts is not None:
            texts_replace(practice, texts, by=by)
    return practice


def practice_texts_save(*, practice: Practice, texts: dict[str, tuple[str, str]], by) -> Practice:
    """The secretariat's translations of a practice's title and summary, at any stage."""
    with transaction.atomic():
        practice = locked(practice)
        texts_replace(practice, texts, by=by)
    public_cache.bump()
    return practice


def texts_replace(practice: Practice, texts: dict[str, tuple[str, str]], *, by) -> None:
    """Make the practice's texts in other languages these ones (its own language left out)."""
    texts = {code: text for code, text in texts.items() if code != practice.language}
    before = {
        t.language: [t.title, t.summary] for t in PracticeText.objects.filter(practice=practice)
    }
    after = {code: [title, summary] for code, (title, summary) in texts.items()}
    if before == after:
        return
    PracticeText.objects.filter(practice=practice).exclude(language__in=list(texts)).delete()
    for code, (title, summary) in texts.items():
        PracticeText.objects.update_or_create(
            practice=practice, language=code, defaults={"title": title, "summary": summary}
        )
    changes = {
        f"text_{code}": [before.get(code), after.get(code)]
        for code in sorted(set(before) | set(after))
        if before.get(code) != after.get(code)
    }
    audit.record(obj=practice, action="practice.texts", by=by, changes=changes)


def document_label(document: PracticeDocument) -> str:
    """What the audit keeps of a document: its title, file name and size."""
    return f"{document.title} ({document.file_name}, {document.size} bytes)"


def document_storage():
    return PracticeDocument._meta.get_field("file").storage


def editable_by(practice: Practice, by) -> Practice:
    """The practice, locked, if `by` submitted it and it can still change."""
    current = locked(practice)
    if current.submitter_id is None or current.submitter_id != getattr(by, "pk", None):
        raise NotAllowed(_("Only the practice's submitter can change its documents."))
    if current.status not in Practice.EDITABLE:
        raise NotAllowed(_("This practice is in review: it can no longer be changed."))
    return current


def document_add(*, practice: Practice, by, title: str, upload) -> PracticeDocument:
    """Attach a file to a draft or a practice returned for changes. The file is checked by its
    content first (ValidationError if refused): nothing is stored for a refused one."""
    title = (title or "").strip()
    if not title:
        raise NotAllowed(_("Give the document a title."))
    file_name, content_type = check_document_file(upload)
    with transaction.atomic():
        current = editable_by(practice, by)
        if current.documents.count() >= MAX_DOCUMENTS:
            raise NotAllowed(
                _("A practice can have at most %(n)d documents: remove one first.")
                % {"n": MAX_DOCUMENTS}
            )
        document = PracticeDocument(practice=current, title=title, file_name=file_name,
                                    content_type=content_type, size=upload.size, uploaded_by=by)  # fmt: skip
        stored = ""
        try:
            document.file.save(file_name, upload, save=False)
            stored = document.file.name
            document.save()
            audit.record(obj=current, action="practice.document_add", by=by,
                         changes={"document": [None, document_label(document)]})  # fmt: skip
        except BaseException:
            if stored:
                document_storage().delete(stored)  # the row is rolled back; its file goes too
            raise
    return document


def document_remove(*, document: PracticeDocument, by) -> None:
    with transaction.atomic():
        current = editable_by(document.practice, by)
        document = current.documents.filter(pk=document.pk).first()
        if document is None:
            raise NotAllowed(_("This document was removed meanwhile."))
        audit.record(obj=current, action="practice.document_remove", by=by,
                     changes={"document": [document_label(document), None]})  # fmt: skip
        name = document.file.name
        document.delete()
        transaction.on_commit(lambda: document_storage().delete(name))


def missing_for_submission(practice: Practice) -> list[str]:
    """What a practice needs before it can be submitted (drafts may lack it)."""
    field = Practice._meta.get_field
    missing = [str(field(name).verbose_name) for name in ("title", "summary")
               if not getattr(practice, name).strip()]  # fmt: skip
    if not practice.objectives.exists():
        missing.append(str(field("objectives").verbose_name))
    if not practice.description.strip():
        missing.append(str(field("description").verbose_name))
    return missing


def change_status(practice: Practice, to: str, *, by, action: str, **extra) -> None:
    before = practice.status
    practice.status = to
    for name, value in extra.items():
        setattr(practice, name, value)
    practice.save(update_fields=["status", "updated_at", *extra])
    changes = {"status": [before, to]}
    if extra.get("decision_reason"):
        changes["decision_reason"] = [None, extra["decision_reason"]]
    audit.record(obj=practice, action=action, by=by, changes=changes)


def practice_submit(*, practice: Practice, by) -> Practice:
    """Submit a draft, or resubmit a practice returned for changes (back to its reviewers)."""
    with transaction.atomic():
        practice = locked(practice)
        if practice.status not in Practice.EDITABLE:
            raise NotAllowed(_("This practice is already submitted."))
        missing = missing_for_submission(practice)
        if missing:
            raise NotAllowed(
                _("Complete these before submitting: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        if practice.status == Status.DRAFT:
            change_status(practice, Status.SUBMITTED, by=by, action="practice.submit",
                          submitted_at=timezone.now())  # fmt: skip
        else:
            change_status(practice, Status.UNDER_REVIEW, by=by, action="practice.resubmit",
                          submitted_at=timezone.now())  # fmt: skip
    return practice


def practice_start_review(*, practice: Practice, by) -> Practice:
    with transaction.atomic():
        practice = locked(practice)
        if practice.status != Status.SUBMITTED:
            raise NotAllowed(_("Only a submitted practice can be taken up for review."))
        change_status(practice, Status.UNDER_REVIEW, by=by, action="practice.review")
    return practice


def reviewer_assign(*, practice: Practice, reviewer, is_un: bool, by) -> Review:
    with transaction.atomic():
        practice = locked(practice)
        if practice.status not in (*Practice.IN_REVIEW, Status.CHANGES_REQUESTED):
            raise NotAllowed(_("Reviewers can be assigned only while a practice is in review."))
        if practice.reviews.filter(reviewer=reviewer).exists():
            raise NotAllowed(_("This person already reviews this practice."))
        review = Review.objects.create(practice=practice, reviewer=reviewer, is_un=is_un)
        audit.record(obj=practice, action="practice.assign", by=by,
                     changes={"reviewer": [None, str(reviewer)], "is_un": [None, is_un]})  # fmt: skip
        tell_reviewer(review)
    return review


def tell_reviewer(review: Review) -> None:
    """Mail an assigned reviewer what to review, how, and where, in their language."""
    reviewer, practice = review.reviewer, review.practice
    if not reviewer.email:
        return
    language = reviewer.mail_language
    with translation.override(language):
        url = settings.SITE_URL + reverse("hub_workspace:detail", kwargs={"pk": practice.pk})
        role = _("a UN reviewer") if review.is_un else _("a non-UN reviewer")
        asked = _(
            "You are asked to review the good practice “%(title)s” for the Migration Network "
            "Hub, as %(role)s."
        )
        steps = _(
            "What to do: open the practice and first declare whether you have a conflict of "
            "interest with it (if you have one, you will not score it). Then answer the Hub's "
            "criteria and recommend accepting it, returning it for changes or declining it."
        )
        criteria = [_("The Hub's criteria:")]
        criteria += [f"- {Review._meta.get_field(name).verbose_name}" for name in Review.CRITERIA]
        body = [
            _("Hello %(name)s,") % {"name": reviewer.get_full_name() or reviewer.username},
            asked % {"title": practice.title, "role": role},
            steps,
            "\n".join(criteria),
            _("Your review: %(url)s") % {"url": url},
            _("It is in the organisers' workspace: sign in with two-factor authentication."),
            _("GCM Talks – UN Network on Migration"),
        ]
        mail_queue(
            to=reviewer.email,
            subject=_("Please review: %(title)s") % {"title": " ".join(practice.title.split())},
            text="\n\n".join(body),
            key=f"hub-review:{review.pk}",
            language=language,
        )


def conflict_declare(*, review: Review, declared: bool, text: str, by) -> Review:
    """The reviewer's declaration; one who declares a conflict cannot fill in the criteria."""
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.reviewer_id != by.pk:
            raise NotAllowed(_("Only the assigned reviewer can declare their conflicts."))
        if review.submitted_at:
            raise NotAllowed(_("Your review is already submitted."))
        before = [review.conflict_declared, review.conflict]
        review.conflict_declared, review.conflict = declared, text if declared else ""
        if declared:
            review.submitted_at = timezone.now()  # nothing more to do: the review is closed
        review.save()
        audit.record(obj=review.practice, action="practice.conflict", by=by,
                     changes={"conflict": [before, [declared, review.conflict]]})  # fmt: skip
    return review


def review_submit(*, review: Review, by, answers: dict, recommendation: str, comments: str):
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        practice = review.practice
        if review.reviewer_id != by.pk:
            raise NotAllowed(_("Only the assigned reviewer can write this review."))
        if review.conflict_declared is None:
            raise NotAllowed(_("Declare whether you have a conflict of interest first."))
        if review.conflict_declared:
            raise NotAllowed(_("You declared a conflict of interest: you cannot score it."))
        if practice.status not in Practice.IN_REVIEW:
            raise NotAllowed(_("Only a practice in review can be reviewed."))
        for name in Review.CRITERIA:
            setattr(review, name, answers[name])
        review.recommendation, review.comments = recommendation, comments
        review.submitted_at = timezone.now()
        review.save()
        audit.record(obj=practice, action="practice.review_submit", by=by,
                     changes={**answers, "recommendation": recommendation})  # fmt: skip
    return review


def missing_reviewers(practice: Practice) -> list[str]:
    """What the reviewer rule (one UN and two non-UN reviews, without conflicts) still needs."""
    done = [review for review in practice.reviews.all() if review.counts]
    un = sum(1 for review in done if review.is_un)
    missing = []
    if un < UN_NEEDED:
        missing.append(_("a review by a UN reviewer"))
    if len(done) - un < NON_UN_NEEDED:
        n = NON_UN_NEEDED - (len(done) - un)
        missing.append(translation.ngettext(
            "%(n)d review by a non-UN reviewer", "%(n)d reviews by non-UN reviewers", n
        ) % {"n": n})  # fmt: skip
    return missing


def check_decidable(practice: Practice, *, final: bool) -> None:
    if practice.status not in Practice.IN_REVIEW:
        raise NotAllowed(_("Only a practice in review can be decided."))
    missing = missing_reviewers(practice) if final else []
    if missing:
        raise NotAllowed(
            _("A decision needs one UN and two non-UN reviews without a conflict of interest. "
              "Still missing: %(missing)s.") % {"missing": ", ".join(missing)}
        )  # fmt: skip


def decide(*, practice: Practice, by, reason: str, to: str, action: str, final: bool):
    with transaction.atomic():
        practice = locked(practice)
        check_decidable(practice, final=final)
        change_status(practice, to, by=by, action=action, decision_reason=reason,
                      decided_at=timezone.now() if final else None)  # fmt: skip
        tell_submitter(practice, to, reason)
        if to == Status.ACCEPTED:
            transaction.on_commit(public_cache.bump)
    return practice


def practice_return(*, practice: Practice, by, reason: str) -> Practice:
    """Return for changes: allowed at any point of the review, so reviewers can ask early."""
    return decide(practice=practice, by=by, reason=reason, to=Status.CHANGES_REQUESTED,
                  action="practice.return", final=False)  # fmt: skip


def practice_accept(*, practice: Practice, by, reason: str) -> Practice:
    return decide(practice=practice, by=by, reason=reason, to=Status.ACCEPTED,
                  action="practice.accept", final=True)  # fmt: skip


def practice_decline(*, practice: Practice, by, reason: str) -> Practice:
    return decide(practice=practice, by=by, reason=reason, to=Status.DECLINED,
                  action="practice.decline", final=True)  # fmt: skip


def tell_submitter(practice: Practice, status: str, reason: str) -> None:
    """Mail the submitter (in the language they wrote in, else English) about a decision."""
    submitter = practice.submitter
    if submitter is None or not submitter.email:
        return
    language = practice.locale or "en"
    with translation.override(language):
        subjects = {
            Status.CHANGES_REQUESTED: _("Changes requested: %(title)s"),
            Status.ACCEPTED: _("Accepted for the Hub: %(title)s"),
            Status.DECLINED: _("Not accepted for the Hub: %(title)s"),
        }
        lines = {
            Status.CHANGES_REQUESTED: _(
                "The reviewers ask for changes to your good practice. Edit it, then submit it "
                "again."
            ),  # fmt: skip
            Status.ACCEPTED: _(
                "Your good practice is accepted and is now public on the GCM Talks Hub page."
            ),  # fmt: skip
            Status.DECLINED: _("We are sorry: your good practice was not accepted for the Hub."),
        }
        url = settings.SITE_URL + reverse("hub:mine_detail", kwargs={"pk": practice.pk})
        body = [
            lines[status],
            _("The reason: %(reason)s") % {"reason": reason},
            _("Your practice: %(url)s") % {"url": url},
            _("GCM Talks – UN Network on Migration"),
        ]
        mail_queue(
            to=submitter.email,
            subject=subjects[status] % {"title": practice.title},
            text="\n\n".join(body),
            key=f"practice:{practice.pk}:{status}:{practice.updated_at.timestamp()}"[:200],
            language=language,
        )
