from django import template

from gcmtalks.core.models import Access
from gcmtalks.registrations.viewers import Viewer, viewer_for

from ..queries import published_recording, recording_with_files

register = template.Library()


@register.inclusion_tag("recordings/_workspace_recording.html")
def workspace_recording(talk):
    """The recording's section on the talk's workspace page."""
    return {"talk": talk, "recording": recording_with_files(talk)}


@register.inclusion_tag("recordings/_talk_recording.html", takes_context=True)
def talk_recording(context, talk):
    """The recording (embedded where the host allows it) on the public talk page."""
    recording = published_recording(talk)
    if recording is None:
        return {"talk": talk, "recording": None}
    viewer = Viewer()  # sees what is public; asking who the visitor is costs queries
    if {recording.access, recording.transcript_access} != {Access.PUBLIC}:
        viewer = viewer_for(context["request"], talk)
    sees_recording = viewer.may_see(recording.access)
    sees_transcripts = viewer.may_see(recording.transcript_access)
    # Registrants are told where to look; of organisers-only material nothing is said.
    told = recording.access in (Access.REGISTRANTS, Access.MEMBER_STATES)
    shown = sees_recording or told or (sees_transcripts and recording.transcripts.all())
    return {
        "talk": talk,
        "recording": recording if shown else None,
        "sees_recording": sees_recording,
        "sees_transcripts": sees_transcripts,
    }
