from django.urls import path

from . import feeds, views

app_name = "talks"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("feeds/talks.atom", feeds.TalksFeed(), name="atom"),
    path("talks/<slug:slug>/", views.detail, name="detail"),
    path("talks/<slug:slug>/calendar.ics", views.talk_ics, name="talk_ics"),
    path("regions/<slug:slug>/calendar.ics", views.region_ics, name="region_ics"),
    path("series/<slug:slug>/calendar.ics", views.series_ics, name="series_ics"),
    path("workstreams/<slug:slug>/", views.workstream, name="workstream"),
    path("workstreams/<slug:slug>/calendar.ics", views.workstream_ics, name="workstream_ics"),
]
