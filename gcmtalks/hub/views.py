"""The public Hub pages, and the submitter's side: writing a practice and following it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcmtalks.core.middleware import cache_publicly
from gcmtalks.documents.downloads import download_headers, file_download
from gcmtalks.talks.models import Talk
from gcmtalks.talks.roles import roles_of

from . import queries, services
from .forms import DocumentForm, FilterForm, LinkFormSet, PracticeForm, TextsForm
from .models import Practice, PracticeDocument

PER_PAGE = 50


@require_safe
def practice_list(request):
    cache_publicly(request)
    form = FilterForm(request.GET)
    form.is_valid()  # an unknown value is reported and ignored; the other filters apply
    filters = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    page = Paginator(queries.public_list(filters), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "hub/list.html", context)


@require_safe
def practice_detail(request, pk):
    cache_publicly(request)
    practice = queries.public_detail(pk)
    if practice is None:
        raise Http404
    context = {"practice": practice, "document_url": "hub:document"}
    return render(request, "hub/detail.html", context)


def document_response(document: PracticeDocument | None, *, public: bool):
    """The file, as a download; 404 when there is none (or its file is gone)."""
    if document is None:
        raise Http404
    response = file_download(
        document.file, filename=document.file_name, content_type=document.content_type
    )
    return download_headers(response, public=public)


@require_safe
def practice_document(request, pk, document_pk):
    """A document of an accepted practice, for anyone; 404 for any other practice's."""
    return document_response(queries.public_document(pk, document_pk), public=True)


@login_required
@require_safe
def practice_mine(request):
    return render(request, "hub/mine.html", {"practices": queries.practices_of(request.user)})


def own_practice(request, pk) -> Practice:
    """The user's own practice; 404 for anyone else, so nobody learns which drafts exist."""
    practice = queries.practice_for(pk)
    if practice is None or not request.user.has_perm("hub.edit_practice", practice):
        raise Http404
    return practice


@login_required
@require_safe
def practice_mine_detail(request, pk):
    practice = own_practice(request, pk)
    missing = services.missing_for_submission(practice) if practice.status == "draft" else []
    context = {"practice": practice, "missing": missing, "document_url": "hub:mine_document"}
    return render(request, "hub/mine_detail.html", context)


@login_required
@require_safe
def mine_document(request, pk, document_pk):
    practice = own_practice(request, pk)
    return document_response(queries.document_of(practice, document_pk), public=False)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def practice_documents(request, pk):
    """The submitter's page for the practice's documents: add one, remove one."""
    practice = own_practice(request, pk)
    if practice.status not in Practice.EDITABLE:
        messages.error(request, _("This practice is in review: it can no longer be changed."))
        return redirect("hub:mine_detail", pk=practice.pk)
    form = DocumentForm(request.POST, request.FILES) if request.method == "POST" else DocumentForm()
    if form.is_bound and form.is_valid():
        try:
            services.document_add(practice=practice, by=request.user,
                                  title=form.cleaned_data["title"],
                                  upload=form.cleaned_data["file"])  # fmt: skip
        except (services.NotAllowed, ValidationError) as error:
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            form.add_error(None, text)
        else:
            messages.success(request, _("The document is added."))
            return redirect("hub:documents", pk=practice.pk)
    context = {"practice": practice, "form": form, "document_url": "hub:mine_document"}
    return render(request, "hub/documents.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def practice_document_remove(request, pk, document_pk):
    practice = own_practice(request, pk)
    document = queries.document_of(practice, document_pk)
    if document is None:
        raise Http404
    try:
        services.document_remove(document=document, by=request.user)
    except services.NotAllowed as error:
        messages.error(request, _("Nothing was changed. %(error)s") % {"error": error})
        return redirect("hub:mine_detail", pk=practice.pk)
    messages.success(request, _("The document is removed."))
    return redirect("hub:documents", pk=practice.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def practice_new(request):
    initial = {}
    slug = request.GET.get("talk", "")
    talk = Talk.objects.exclude(status=Talk.Status.DRAFT).filter(slug=slug).first()
    if talk is not None:
        initial["talks"] = [talk]
    return edit(request, Practice(), initial, talk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def practice_edit(request, pk):
    practice = own_practice(request, pk)
    if practice.status not in Practice.EDITABLE:
        messages.error(request, _("This practice is in review: it can no longer be changed."))
        return redirect("hub:mine_detail", pk=practice.pk)
    return edit(request, practice)


def edit(request, practice: Practice, initial=None, talk=None):
    data = request.POST if request.method == "POST" else None
    form = PracticeForm(data, instance=practice, initial=initial,
                        organiser=roles_of(request.user).organises)  # fmt: skip
    links = LinkFormSet(data, instance=practice, prefix="links")
    written_in = (data or {}).get("language") or form.initial.get("language") or practice.language
    texts = TextsForm(data, practice=practice, written_in=written_in)
    if data is not None and all([form.is_valid(), links.is_valid(), texts.is_valid()]):
        try:
            practice = services.practice_save(
                form=form, links=links, texts=texts.texts(), by=request.user
            )
            if "submit" in request.POST:
                services.practice_submit(practice=practice, by=request.user)
                messages.success(request, _("Your practice is submitted. Thank you."))
            else:
                messages.success(request, _("Your draft is saved."))
        except services.NotAllowed as error:
            messages.error(request, str(error))
        return redirect("hub:mine_detail", pk=practice.pk)
    context = {"form": form, "links": links, "texts": texts, "practice": practice, "talk": talk}
    return render(request, "hub/form.html", context, status=422 if data is not None else 200)


@login_required
@require_POST
def practice_submit(request, pk):
    practice = own_practice(request, pk)
    try:
        services.practice_submit(practice=practice, by=request.user)
    except services.NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your practice is submitted. Thank you."))
    return redirect("hub:mine_detail", pk=practice.pk)
