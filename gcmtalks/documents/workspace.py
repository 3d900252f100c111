"""A talk's documents in the organisers' workspace: the list, creating and editing a document,
its language versions, publishing and deleting. Every change goes through services.py; a
refused one becomes a message and changes nothing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gcmtalks.core.models import AuditEntry
from gcmtalks.talks.models import Talk
from gcmtalks.talks.workspace import manages_talk

from . import queries, services
from .forms import DocumentForm, VersionForm
from .models import Document


def document_of(talk: Talk, pk: int) -> Document:
    document = (
        Document.objects.filter(talk=talk, pk=pk).prefetch_related(queries.lean_versions()).first()
    )
    if document is None:
        raise Http404
    document.talk = talk
    return document


def to_list(talk: Talk):
    return redirect("documents_workspace:list", slug=talk.slug)


def to_document(document: Document):
    return redirect("documents_workspace:detail", slug=document.talk.slug, pk=document.pk)


def refused(request, error: Exception) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, _("Nothing was changed. %(error)s") % {"error": text})


@require_GET
@manages_talk
def document_list(request, talk: Talk):
    documents = queries.workspace_documents(talk)
    rows = [(document, [(v, queries.type_label(v)) for v in document.versions.all()])
            for document in documents]  # fmt: skip
    return render(request, "documents/workspace/list.html", {"talk": talk, "rows": rows})


@require_http_methods(["GET", "POST"])
@manages_talk
def document_new(request, talk: Talk):
    data = request.POST if request.method == "POST" else None
    form = DocumentForm(data, talk=talk)
    if form.is_bound and form.is_valid():
        document = services.document_create(talk=talk, by=request.user, **form.cleaned_data)
        messages.success(request, _("The document is created. Now add it in one language or more."))
        return to_document(document)
    return render(request, "documents/workspace/new.html", {"talk": talk, "form": form})


def missing(document: Document) -> str:
    """The first language the document is not yet in, to offer first."""
    present = {version.language for version in document.versions.all()}
    return next((code for code in services.LANGUAGE_CODES if code not in present), "")


def detail_page(request, talk, document, form=None, version_form=None, status=200):
    context = {
        "talk": talk,
        "document": document,
        "form": form or DocumentForm(instance=document, talk=talk),
        "version_form": version_form or VersionForm(initial={"language": missing(document)}),
        "versions": [
            (v, queries.type_label(v), queries.download_url(talk.slug, v))
            for v in document.versions.all()
        ],
        "published_at": queries.moment(document.published_at),
        "history": [
            (entry, queries.moment(entry.at))
            for entry in AuditEntry.objects.filter(
                object_type="documents.document", object_id=str(document.pk)
            ).select_related("actor")
        ],
    }
    return render(request, "documents/workspace/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
@manages_talk
def document_detail(request, talk: Talk, pk: int):
    document = document_of(talk, pk)
    if request.method == "GET":
        return detail_page(request, talk, document)
    form = DocumentForm(request.POST, instance=document, talk=talk)
    if not form.is_valid():
        document = document_of(talk, pk)  # the form changed the instance while validating
        return detail_page(request, talk, document, form=form)
    try:
        services.document_update(document=document, by=request.user, **form.cleaned_data)
    except services.DocumentNotAllowed as error:
        refused(request, error)
        return to_list(talk)
    messages.success(request, _("The changes are saved."))
    return to_document(document)


@require_POST
@manages_talk
def version_save(request, talk: Talk, pk: int):
    document = document_of(talk, pk)
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        return detail_page(request, talk, document, version_form=form)
    data = form.cleaned_data
    try:
        services.version_save(
            document=document,
            by=request.user,
            language=data["language"],
            upload=data["file"],
            text=data["text"],
        )
    except (services.DocumentNotAllowed, ValidationError) as error:
        refused(request, error)
        return detail_page(request, talk, document, version_form=form)
    name = queries.language_name(data["language"])
    messages.success(request, _("The %(language)s version is saved.") % {"language": name})
    return to_document(document)


@require_POST
@manages_talk
def version_remove(request, talk: Talk, pk: int, language: str):
    document = document_of(talk, pk)
    try:
        services.version_remove(document=document, by=request.user, language=language)
    except services.DocumentNotAllowed as error:
        refused(request, error)
    else:
        name = queries.language_name(language)
        messages.success(request, _("The %(language)s version is removed.") % {"language": name})
    return to_document(document)


@require_POST
@manages_talk
def document_publish(request, talk: Talk, pk: int):
    document = document_of(talk, pk)
    try:
        services.document_publish(document=document, by=request.user)
    except services.DocumentNotAllowed as error:
        refused(request, error)
    else:
        if talk.is_public:
            text = _("The document is published: it is on the talk page for those who may see it.")
        else:
            text = _("The document is published; it will show once the talk is published.")
        messages.success(request, text)
    return to_document(document)


@require_POST
@manages_talk
def document_unpublish(request, talk: Talk, pk: int):
    document = document_of(talk, pk)
    try:
        services.document_unpublish(document=document, by=request.user)
    except services.DocumentNotAllowed as error:
        refused(request, error)
    else:
        messages.success(request, _("The document is a draft again: only organisers see it."))
    return to_document(document)


@require_http_methods(["GET", "POST"])
@manages_talk
def document_delete(request, talk: Talk, pk: int):
    document = document_of(talk, pk)
    if request.method == "POST":
        try:
            services.document_delete(document=document, by=request.user)
        except services.DocumentNotAllowed as error:
            refused(request, error)
        else:
            messages.success(request, _("The document is deleted."))
        return to_list(talk)
    return render(request, "documents/workspace/delete.html", {"talk": talk, "document": document})
