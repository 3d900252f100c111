from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from . import audit
from .models import (
    AuditEntry,
    Country,
    GuidingPrinciple,
    Language,
    Membership,
    Objective,
    Region,
    StakeholderGroup,
)


class AuditedAdmin(admin.ModelAdmin):
    """Writes an audit entry (who, when, before/after) for every change made in the admin."""

    def save_model(self, request, obj, form, change):
        before = {name: form.initial.get(name) for name in form.changed_data} if change else {}
        super().save_model(request, obj, form, change)
        after = {name: form.cleaned_data.get(name) for name in form.changed_data}
        action = f"{obj._meta.model_name}.{'change' if change else 'create'}"
        audit.record(obj=obj, action=action, by=request.user, changes=audit.diff(before, after))

    def delete_model(self, request, obj):
        audit.record(obj=obj, action=f"{obj._meta.model_name}.delete", by=request.user)
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        """Inline rows (e.g. a country's regional-commission memberships) are audited too."""
        for inline in formset.forms:
            if not inline.has_changed() or inline in formset.deleted_forms:
                continue
            before = (
                {n: inline.initial.get(n) for n in inline.changed_data}
                if inline.instance.pk
                else {}
            )
            inline.audit_changes = (
                before,
                {n: inline.cleaned_data.get(n) for n in inline.changed_data},
            )
        deleted = [(f.instance, str(f.instance)) for f in formset.deleted_forms if f.instance.pk]
        super().save_formset(request, form, formset, change)
        for inline in formset.forms:
            if hasattr(inline, "audit_changes"):
                changes = audit.diff(*inline.audit_changes)
                action = f"{inline.instance._meta.model_name}.save"
                audit.record(obj=inline.instance, action=action, by=request.user, changes=changes)
        for obj, label in deleted:
            audit.record(obj=obj, action=f"{obj._meta.model_name}.delete", by=request.user,
                         changes={"deleted": [label, None]})  # fmt: skip

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.record(obj=obj, action=f"{obj._meta.model_name}.delete", by=request.user)
        super().delete_queryset(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by services (audit entries, outgoing mail, registrations): looked at
    here, never changed by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReferenceAdmin(AuditedAdmin, TranslationAdmin):
    pass


@admin.register(Objective)
class ObjectiveAdmin(ReferenceAdmin):
    list_display = ["number", "short_label", "title"]
    search_fields = ["title", "short_label"]


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(ReferenceAdmin):
    list_display = ["letter", "label"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(Region)
class RegionAdmin(ReferenceAdmin):
    list_display = ["name", "commission", "slug", "position"]
    inlines = [MembershipInline]


@admin.register(Country)
class CountryAdmin(ReferenceAdmin):
    list_display = ["name", "code"]
    list_filter = ["regions"]
    search_fields = ["name", "code"]
    inlines = [MembershipInline]


@admin.register(Language)
class LanguageAdmin(ReferenceAdmin):
    list_display = ["name", "code", "is_un_official"]
    list_filter = ["is_un_official"]
    search_fields = ["name", "code"]


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(ReferenceAdmin):
    list_display = ["name", "slug", "position"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "actor__username", "object_id"]
    date_hierarchy = "at"
