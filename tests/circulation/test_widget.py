"""The embeddable calendar: filtered, in the visitor's language, framable by any site (and
only it), with the partners' page that gives the snippet."""

import re

import pytest

from gcmtalks.talks.models import Talk
from tests.factories import OrganiserFactory, TalkFactory, in_days
from tests.query_counts import queries_for_1_and_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def talks(db):
    labour = OrganiserFactory(slug="ws-labour", name="Labour migration")
    africa = TalkFactory(title="Regional review: Africa", region_slugs=["africa"],
                         title_fr="Examen régional : Afrique")  # fmt: skip
    europe = TalkFactory(title="Regional review: Europe", region_slugs=["europe-north-america"])
    labour_talk = TalkFactory(title="Labour migration talk", region_slugs=["africa"],
                              start=in_days(20))  # fmt: skip
    labour_talk.organisers.set([labour])
    TalkFactory(title="A draft", status=Talk.Status.DRAFT)
    TalkFactory(title="Held last month", start=in_days(-30))
    TalkFactory(title="Called off", status=Talk.Status.CANCELLED, start=in_days(15))
    return {"africa": africa, "europe": europe, "labour": labour_talk}


def titles(response):
    return re.findall(r'target="_blank" rel="noopener">([^<]+)<span', response.text)


def test_the_widget_lists_upcoming_public_talks_opening_in_a_new_tab(client, talks):
    response = client.get("/widget/")
    assert response.status_code == 200
    shown = titles(response)
    assert shown[0] == "Upcoming GCM Talks" and shown[-1] == "The whole calendar"
    assert "A draft" not in shown and "Held last month" not in shown
    assert "Regional review: Africa" in shown and "Labour migration talk" in shown
    assert f'href="/talks/{talks["africa"].slug}/" target="_blank" rel="noopener"' in response.text
    assert "Geneva time" in response.text
    assert "Cancelled" in response.text  # the badge of the talk called off


def test_the_widget_filters_by_region_and_by_workstream(client, talks):
    africa = titles(client.get("/widget/?region=africa"))
    assert "Regional review: Africa" in africa and "Labour migration talk" in africa
    assert "Regional review: Europe" not in africa
    labour = titles(client.get("/widget/?workstream=ws-labour"))
    assert "Labour migration talk" in labour and "Regional review: Africa" not in labour
    both = titles(client.get("/widget/?region=europe-north-america&workstream=ws-labour"))
    assert not [t for t in both if "review" in t or "talk" in t]
    assert (
        "No upcoming talks for now."
        in client.get("/widget/?region=europe-north-america&workstream=ws-labour").text
    )


@pytest.mark.parametrize("path", ["/fr/widget/?region=africa", "/widget/?region=africa&lang=fr"])
def test_the_widget_speaks_french_by_prefix_or_parameter(client, talks, path):
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="fr" dir="ltr">' in response.text
    assert response["Content-Language"] == "fr"
    assert "Examen régional : Afrique" in response.text
    assert f'href="/fr/talks/{talks["africa"].slug}/"' in response.text
    assert "Genève" in response.text


def test_the_widget_in_arabic_is_right_to_left(client, talks):
    response = client.get("/widget/?lang=ar")
    assert '<html lang="ar" dir="rtl">' in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("region=atlantis", "There is no region “atlantis”."),
        ("workstream=nobody", "There is no workstream or organiser “nobody”."),
        ("lang=xx", "“xx” is not one of the languages of GCM Talks."),
        ("region=%00", "Null characters are not allowed."),
    ],
)
def test_unknown_filters_get_a_clear_message(client, talks, query, message):
    response = client.get(f"/widget/?{query}")
    assert response.status_code == 400
    assert message in response.text
    assert 'role="alert"' in response.text and "/widget/embed/" in response.text
    assert "X-Frame-Options" not in response  # still shown inside the partner's page


def test_only_the_widget_may_be_framed_by_any_site(client, talks):
    widget = client.get("/widget/")
    assert "X-Frame-Options" not in widget
    policy = widget["Content-Security-Policy"]
    assert "frame-ancestors *" in policy and "frame-ancestors 'none'" not in policy
    assert "script-src 'self'" in policy
    calendar = client.get("/")
    assert calendar["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in calendar["Content-Security-Policy"]
    embed = client.get("/widget/embed/")
    assert embed["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in embed["Content-Security-Policy"]


def test_the_widget_costs_the_same_queries_for_one_and_many_talks(client):
    one, many, response = queries_for_1_and_many(client, "/widget/?region=africa", 60)
    assert one == many
    assert len(titles(response)) == 22  # the heading, 20 talks and the link to the calendar


def test_the_widget_page_has_no_inline_script_or_style(client, talks):
    text = client.get("/widget/").text
    assert "style=" not in text and not re.search(r"<script(?![^>]*\bsrc=)", text)
    assert re.search(r'<script src="/static/circulation/widget-frame\.[0-9a-f]+\.js" defer>', text)


def test_the_partners_page_gives_the_snippet_for_their_choice(client, talks):
    response = client.get("/fr/widget/embed/?region=africa&lang=fr")
    assert response.status_code == 200
    text = response.text
    assert ('&lt;script src="http://127.0.0.1:8000/static/circulation/widget.js" '
            'data-region="africa" data-lang="fr"') in text  # fmt: skip
    assert "&lt;iframe src=&quot;" not in text
    assert "http://127.0.0.1:8000/fr/widget/?region=africa&amp;lang=fr" in text or (
        "http://127.0.0.1:8000/widget/?region=africa&amp;lang=fr" in text
    )
    # The preview is the script itself, which frames our own widget.
    assert re.search(
        r'<script src="/static/circulation/widget\.[0-9a-f]+\.js" data-region="africa"', text
    )
    assert "frame-src" in response["Content-Security-Policy"]
    assert "'self'" in response["Content-Security-Policy"].split("frame-src")[1].split(";")[0]


def test_the_partners_page_refuses_unknown_choices_clearly(client, talks):
    response = client.get("/widget/embed/?region=atlantis")
    assert response.status_code == 400
    assert "There is no region “atlantis”." in response.text
    assert "&lt;script" not in response.text


def test_a_cached_widget_keeps_its_headers(client, talks, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_CACHE_SECONDS = 600
    first = client.get("/widget/?region=africa")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/widget/?region=africa")
    assert len(queries) == 0  # served from memory
    assert second.content == first.content
    for response in (first, second):
        assert "X-Frame-Options" not in response
        assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert client.get("/")["X-Frame-Options"] == "DENY"
