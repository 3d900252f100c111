from django import template

from gcmtalks.panels import agenda, queries
from gcmtalks.panels.balance import balance

register = template.Library()


@register.inclusion_tag("panels/_workspace_section.html")
def workspace_panel(talk):
    """The panel's section on the talk's workspace page (speakers, balance figures)."""
    speakers = list(queries.panel_speakers(talk))
    return {
        "talk": talk,
        "speakers": speakers,
        "balance": balance(speakers),
        "confirmed": sum(speaker.confirmed is True for speaker in speakers),
        "declined": sum(speaker.confirmed is False for speaker in speakers),
        "waiting": sum(speaker.confirmed is None for speaker in speakers),
        "items": talk.agenda_items.count(),
    }


@register.inclusion_tag("panels/_talk_panel.html")
def talk_panel(talk):
    """The panel and agenda on the public talk page, in three queries whatever their size."""
    visible = queries.public_speakers(talk)
    speakers = list(visible)
    slots = agenda.slots(talk, queries.agenda_items(talk, visible))
    return {
        "talk": talk,
        "speakers": speakers,
        "slots": slots,
        "zone_caption": agenda.zone_caption(talk),
    }
