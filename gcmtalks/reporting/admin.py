from django.contrib import admin

from gcmtalks.core.admin import ReadOnlyAdmin

from .models import Pack


@admin.register(Pack)
class PackAdmin(ReadOnlyAdmin):
    # Packs are asked for on the statistics page and made by a task; the file is downloaded
    # there, where who asks is checked.
    list_display = ["created_at", "kind", "region", "start", "end", "language", "status",
                    "created_by"]  # fmt: skip
    list_filter = ["kind", "status", "language"]
    list_select_related = ["region", "created_by"]
    exclude = ["file"]
