from django.contrib import admin

from .models import ConsentText


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    """Publishing a new wording means adding a version; a published one is never changed."""

    list_display = ("kind", "version", "published_at")
    list_filter = ("kind",)

    def get_readonly_fields(self, request, obj=None):
        return ("kind", "version", "texts", "published_at") if obj else ()
