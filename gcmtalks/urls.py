from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from gcmtalks.accounts.admin_access import require_two_factors
from gcmtalks.api.api import api
from gcmtalks.core import health, languages
from gcmtalks.core import views as core_views

admin.site.site_header = "GCM Talks secretariat"
admin.site.site_title = "GCM Talks"
require_two_factors(admin.site)

# A lost database gives 503 even when a middleware, not a view, met it (core/unavailable.py).
handler500 = "gcmtalks.core.unavailable.server_error"

urlpatterns = [
    path("favicon.ico", core_views.favicon),
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
    path("language/<str:code>/", languages.switch, name="switch_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    # Social-media cards: their language is in the address, the same under every prefix.
    path("", include("gcmtalks.branding.card_urls")),
]
urlpatterns += i18n_patterns(
    path("", include("gcmtalks.talks.urls")),
    path("", include("gcmtalks.registrations.urls")),
    path("", include("gcmtalks.privacy.registrant_urls")),
    path("manage/", include("gcmtalks.registrations.workspace_urls")),
    path("manage/", include("gcmtalks.talks.workspace_urls")),
    path("manage/", include("gcmtalks.proposals.workspace_urls")),
    path("manage/", include("gcmtalks.panels.workspace_urls")),
    path("manage/", include("gcmtalks.documents.workspace_urls")),
    path("manage/", include("gcmtalks.recordings.workspace_urls")),
    path("manage/", include("gcmtalks.reports.workspace_urls")),
    path("manage/", include("gcmtalks.briefings.workspace_urls")),
    path("manage/", include("gcmtalks.pledges.workspace_urls")),
    path("manage/", include("gcmtalks.hub.workspace_urls")),
    path("manage/", include("gcmtalks.intentions.workspace_urls")),
    path("manage/", include("gcmtalks.reporting.workspace_urls")),
    path("manage/", include("gcmtalks.privacy.workspace_urls")),
    path("hub/", include("gcmtalks.hub.urls")),
    path("", include("gcmtalks.panels.urls")),
    path("", include("gcmtalks.documents.urls")),
    path("", include("gcmtalks.recordings.urls")),
    path("", include("gcmtalks.reports.urls")),
    path("", include("gcmtalks.intentions.urls")),
    path("", include("gcmtalks.reporting.urls")),
    path("", include("gcmtalks.branding.urls")),
    path("", include("gcmtalks.circulation.urls")),
    path("proposals/", include("gcmtalks.proposals.urls")),
    path("account/", include("gcmtalks.privacy.urls")),
    path("account/", include("gcmtalks.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    prefix_default_language=False,
)
urlpatterns += [
    path("dev/mail/", core_views.dev_mail, name="dev_mail"),
    path("dev/mail/<str:name>", core_views.dev_mail_message, name="dev_mail_message"),
]
