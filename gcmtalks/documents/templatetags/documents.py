from django import template
from django.utils import timezone

from gcmtalks.core.models import Access
from gcmtalks.registrations.viewers import viewer_for

from ..queries import for_talk_page, page_language, workspace_summary

register = template.Library()


@register.inclusion_tag("documents/_workspace_documents.html")
def workspace_documents(talk):
    """The documents' section on the talk's workspace page."""
    return {"talk": talk, "summary": workspace_summary(talk, timezone.now())}


@register.inclusion_tag("documents/_talk_documents.html", takes_context=True)
def talk_documents(context, talk):
    """The documents the viewer may see, on the public talk page, in the page's language."""
    request = context["request"]
    viewer = viewer_for(request, talk)
    if not (talk.is_public or viewer.organiser):
        return {"documents": None}
    documents = for_talk_page(talk, viewer, page_language())
    return {
        "talk": talk,
        "documents": documents,
        "hint_registrants": Access.REGISTRANTS in documents.hidden,
        "hint_member_states": documents.hidden == {Access.MEMBER_STATES},
    }
