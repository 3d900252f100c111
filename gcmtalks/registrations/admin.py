from django.contrib import admin

from gcmtalks.core.admin import AuditedAdmin, ReadOnlyAdmin

from .models import GovernmentDomain, Registration, Settings


@admin.register(Settings)
class SettingsAdmin(AuditedAdmin):
    list_display = [
        "talk",
        "capacity_online",
        "capacity_in_person",
        "requires_approval",
        "opens_at",
        "closes_at",
    ]
    search_fields = ["talk__title"]
    autocomplete_fields = ["talk"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["name", "email", "talk", "attendance_mode", "status", "created_at"]
    list_filter = ["status", "attendance_mode", "talk"]
    search_fields = ["name", "email", "organisation"]
    readonly_fields = ["created_at", "updated_at", "email_confirmed_at", "hold_expires_at"]
    # Changes go through the registrants' pages and the secretariat's workspace, which hold
    # the capacity lock and write the audit entry.


@admin.register(GovernmentDomain)
class GovernmentDomainAdmin(AuditedAdmin):
    list_display = ["domain", "country"]
    search_fields = ["domain", "country__name"]
    autocomplete_fields = ["country"]
