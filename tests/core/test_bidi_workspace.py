"""In Arabic, the organisers' workspace keeps Latin names and titles in their own direction:
every name, title, organisation and address the data holds sits in an element that isolates
it (<bdi>, or an element with a dir attribute, which the browser isolates too), as on the
public pages. Otherwise a title ending in "?" reads "?Who pays the fees" in a right-to-left
line, and a name followed by its organisation swaps places with it."""

import re
from html.parser import HTMLParser

import pytest

from gcmtalks.panels.models import Speaker
from gcmtalks.registrations.models import Registration
from tests.browser.test_accessibility import ORGANISER, build_site

# The hub's pages (/manage/practices/) and the statistics (/manage/statistics/) are left to
# their apps' own tests for now.
ELSEWHERE = ("/manage/practices/", "/manage/statistics/")
PAGES = {name: path for name, path in ORGANISER.items() if not path.startswith(ELSEWHERE)}
# Text nowhere laid out in a line of the page, or in an element that cannot hold another.
UNSHOWN = {"head", "title", "script", "style", "option", "textarea", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class Unisolated(HTMLParser):
    """Where a page shows one of `names` in text that no element isolates."""

    def __init__(self, html: str, names: list[str]):
        super().__init__(convert_charrefs=True)
        self.names = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
        self.open: list[tuple[str, bool]] = []  # (tag, isolates)
        self.found: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        isolates = tag == "bdi" or (tag != "html" and "dir" in dict(attrs))
        self.open.append((tag, isolates))

    def handle_endtag(self, tag):
        for at in range(len(self.open) - 1, -1, -1):
            if self.open[at][0] == tag:
                del self.open[at:]
                return

    def handle_data(self, data):
        if any(tag in UNSHOWN for tag, _ in self.open) or not self.names.search(data):
            return
        if not any(isolates for _tag, isolates in self.open):
            path = " > ".join(tag for tag, _ in self.open[2:])
            self.found.append(f"{path}: {data.strip()[:80]!r}")


def latin_names(site) -> list[str]:
    """The Latin names, titles, organisations and addresses of the data."""
    names = [site.past.title, site.upcoming.title, site.proposal.title,
             site.proposal.organisation.name, site.intention.speaker_name,
             site.organiser.get_full_name(), site.document.versions.get(language="fr").file_name]  # fmt: skip
    for speaker in Speaker.objects.all():
        names += [speaker.name, speaker.organisation]
    for registration in Registration.objects.all():
        names += [registration.name, registration.email, registration.organisation]
    return [name for name in names if name]


@pytest.fixture
def site(db):
    return build_site()


@pytest.mark.parametrize("name", PAGES)
def test_organiser_page_in_arabic_isolates_latin_text(name, site, client):
    client.force_login(site.organiser)
    response = client.get("/ar" + PAGES[name].format(d=site))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert Unisolated(html, latin_names(site)).found == []


def test_names_on_the_registrants_and_panel_pages_are_isolated(site, client):
    """The names the data holds are there, each in its own <bdi>."""
    client.force_login(site.organiser)
    registrants = client.get(f"/ar/manage/talks/{site.upcoming.slug}/registrants/")
    html = registrants.content.decode()
    assert f"<bdi>{site.registrant.name}</bdi>" in html
    assert f"<bdi>{site.registrant.email}</bdi>" in html
    panel = client.get(f"/ar/manage/talks/{site.past.slug}/panel/").content.decode()
    speaker = site.past.speakers.first()
    assert f'dir="auto">{speaker.name}</a>' in panel


def test_the_check_finds_a_name_left_alone():
    page = '<html lang="ar" dir="rtl"><head><title>Omar</title></head><body><main>{}</main></body>'
    names = ["Omar Haddad", "ILO"]
    assert Unisolated(page.format("<td>Omar Haddad, ILO</td>"), names).found == [
        "main > td: 'Omar Haddad, ILO'"
    ]
    assert Unisolated(page.format("<p>مع Omar Haddad</p>"), names).found == [
        "main > p: 'مع Omar Haddad'"
    ]
    isolated = '<td><bdi>Omar Haddad</bdi><br>، <a dir="auto">ILO</a></td><select><option>ILO</option></select>'
    assert Unisolated(page.format(isolated), names).found == []
