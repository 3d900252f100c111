"""The export of accepted practices for the Network's Hub, as JSON and as CSV.

`/hub/export.json` is `{"format": "gcmtalks-hub-practices", "version": 1, "exported_at":
<ISO 8601 UTC>, "practices": [ ... ]}`; `/hub/export.csv` has one row per practice with the
same fields as columns, in this table's order (UTF-8 with a byte-order mark so spreadsheets
read it; lists are joined with "; "). Fields added later come last, so version 1 readers
that ignore unknown fields and columns read every file. Each practice:

| field                      | JSON type        | content                                          |
|----------------------------|------------------|--------------------------------------------------|
| id                         | integer          | GCM Talks' id of the practice                    |
| title                      | string           |                                                  |
| summary                    | string           |                                                  |
| description                | string           |                                                  |
| key_takeaway               | string           |                                                  |
| period_start, period_end   | integer or null  | years                                            |
| implementing_organisations | list of strings  | one per line of the form                         |
| presented_by               | string           | "name, organisation" when recorded on behalf     |
| objectives                 | list of integers | GCM objective numbers, 1–23                      |
| principles                 | list of strings  | guiding principle letters (GCM para. 15), a–j    |
| countries                  | list of strings  | ISO 3166-1 alpha-2 codes                         |
| regions                    | list of strings  | region slugs                                     |
| stakeholder_groups         | list of strings  | stakeholder group slugs                          |
| languages                  | list of strings  | ISO 639-1 codes                                  |
| links                      | list of objects  | {"label", "url"}; CSV: "label <url>"             |
| talks                      | list of strings  | talk slugs                                       |
| talk_urls                  | list of strings  | the talks' public pages                          |
| url                        | string           | the practice's public page                       |
| accepted_at                | string           | ISO 8601 UTC                                     |
| documents                  | list of objects  | {"title", "url", "file_name", "content_type",    |
|                            |                  | "size"} (size in bytes); url downloads the file  |
|                            |                  | (PDF, DOCX, PPTX or XLSX); CSV: "title <url>"    |
| written_in                 | string           | the language code of title, summary, description |
| translations               | object           | {language code: {"title", "summary"}} in other   |
|                            |                  | UN languages; CSV: "code: title" joined by "; "  |
"""

import csv
import io

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from gcmtalks.core.middleware import cache_publicly
from gcmtalks.talks.models import Talk

from .queries import accepted

LISTS = ("implementing_organisations", "objectives", "principles", "countries", "regions",
         "stakeholder_groups", "languages", "links", "talks", "talk_urls", "documents")  # fmt: skip
COLUMNS = ("id", "title", "summary", "description", "key_takeaway", "period_start", "period_end",
           "implementing_organisations", "presented_by", "objectives", "principles",
           "countries", "regions", "stakeholder_groups", "languages", "links", "talks",
           "talk_urls", "url", "accepted_at", "documents", "written_in",
           "translations")  # fmt: skip


def rows() -> list[dict]:
    practices = accepted().order_by("id").prefetch_related(
        "objectives", "principles", "countries", "regions", "stakeholder_groups", "languages",
        "links", "documents", "texts",
        Prefetch("talks", Talk.objects.exclude(status=Talk.Status.DRAFT).order_by("slug")),
    )  # fmt: skip
    return [row(practice) for practice in practices]


def row(practice) -> dict:
    site = settings.SITE_URL
    presented_by = ", ".join(
        part for part in (practice.on_behalf_of_name, practice.on_behalf_of_organisation) if part
    )
    return {
        "id": practice.pk,
        "title": practice.title,
        "summary": practice.summary,
        "description": practice.description,
        "key_takeaway": practice.key_takeaway,
        "period_start": practice.period_start,
        "period_end": practice.period_end,
        "implementing_organisations": [
            line.strip()
            for line in practice.implementing_organisations.splitlines()
            if line.strip()
        ],  # fmt: skip
        "presented_by": presented_by,
        "objectives": sorted(o.number for o in practice.objectives.all()),
        "principles": sorted(p.letter for p in practice.principles.all()),
        "countries": sorted(c.code for c in practice.countries.all()),
        "regions": sorted(r.slug for r in practice.regions.all()),
        "stakeholder_groups": sorted(g.slug for g in practice.stakeholder_groups.all()),
        "languages": sorted(lang.code for lang in practice.languages.all()),
        "links": [{"label": link.label, "url": link.url} for link in practice.links.all()],
        "talks": [talk.slug for talk in practice.talks.all()],
        "talk_urls": [site + talk.get_absolute_url() for talk in practice.talks.all()],
        "url": site + reverse("hub:detail", kwargs={"pk": practice.pk}),
        "accepted_at": practice.decided_at.isoformat() if practice.decided_at else None,
        "documents": [document_row(practice, document) for document in practice.documents.all()],
        "written_in": practice.language,
        "translations": {
            text.language: {"title": text.title, "summary": text.summary}
            for text in practice.texts.all()
        },
    }


def document_row(practice, document) -> dict:
    url = reverse("hub:document", kwargs={"pk": practice.pk, "document_pk": document.pk})
    return {
        "title": document.title,
        "url": settings.SITE_URL + url,
        "file_name": document.file_name,
        "content_type": document.content_type,
        "size": document.size,
    }


@require_safe
def export_json(request):
    cache_publicly(request)
    data = {
        "format": "gcmtalks-hub-practices",
        "version": 1,
        "exported_at": timezone.now().isoformat(),
        "practices": rows(),
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'inline; filename="gcm-talks-practices.json"'
    return response


def cell(name: str, value):
    if name == "links":
        return "; ".join(f"{link['label']} <{link['url']}>" for link in value)
    if name == "documents":
        return "; ".join(f"{document['title']} <{document['url']}>" for document in value)
    if name == "translations":
        return "; ".join(f"{code}: {text['title']}" for code, text in value.items())
    if name in LISTS:
        return "; ".join(str(item) for item in value)
    return "" if value is None else value


@require_safe
def export_csv(request):
    cache_publicly(request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for data in rows():
        writer.writerow([cell(name, data[name]) for name in COLUMNS])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gcm-talks-practices.csv"'
    return response
