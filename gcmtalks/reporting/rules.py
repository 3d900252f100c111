"""Who may see the statistics and ask for reporting packs (django-rules).

Anyone who organises talks (the workspace's door: workstream members, regional networks and
commissions, the secretariat) sees the statistics and downloads their exports, which hold
aggregates only. A global pack is the secretariat's; a regional pack may be asked for by the
secretariat or by members of an organiser of that region. A pack's file is its creator's and
the secretariat's."""

import rules

from gcmtalks.talks.models import Organiser
from gcmtalks.talks.roles import roles_of
from gcmtalks.talks.rules import is_secretariat, organises


def pack_regions(user) -> set[int] | None:
    """The regions whose packs the user may ask for; None means every region (the
    secretariat). Kept on the user for the request."""
    roles = roles_of(user)
    if roles.secretariat:
        return None
    cached = getattr(user, "_gcm_pack_regions", None)
    if cached is None:
        cached = set(
            Organiser.objects.filter(pk__in=roles.organisers, region__isnull=False).values_list(
                "region_id", flat=True
            )
        )
        user._gcm_pack_regions = cached
    return cached


@rules.predicate
def may_ask_for_pack(user, region) -> bool:
    """`region` is the pack's Region, or None for a global pack."""
    if roles_of(user).secretariat:
        return True
    if region is None:
        return False
    return region.pk in (pack_regions(user) or set())


@rules.predicate
def may_download_pack(user, pack) -> bool:
    if pack is None:
        return False
    return roles_of(user).secretariat or (
        pack.created_by_id is not None and pack.created_by_id == user.pk
    )


rules.add_perm("reporting.view_statistics", organises)
rules.add_perm("reporting.request_pack", may_ask_for_pack)
rules.add_perm("reporting.download_pack", may_download_pack)
rules.add_perm("reporting.see_all_packs", is_secretariat)
