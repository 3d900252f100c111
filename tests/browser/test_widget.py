"""The calendar widget on a partner's site (another origin): widget.js inserts the frame after
itself, the frame shows the talks of the partner's region in their language, and takes the
height its content reports, from our origin only."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.factories import TalkFactory, in_days

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FRAME = "iframe.gcmtalks-widget"


@pytest.fixture
def talks(db):
    for number in range(6):
        TalkFactory(title=f"Regional review {number}", region_slugs=["africa"],
                    title_fr=f"Examen régional {number}", start=in_days(10 + number))  # fmt: skip
    TalkFactory(title="Asia talk", region_slugs=["asia-pacific"])


@pytest.fixture
def partner_server():
    """A partner's web server: another origin, on loopback too (Chromium keeps pages of other
    address spaces from loading what loopback serves). Serves `server.html`."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            body = self.server.html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    server.html = ""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def partner_site(page, site, server, attributes):
    server.html = (
        "<!DOCTYPE html><html lang='en'><head><title>A partner</title></head><body>"
        "<main><h1>Our partner page</h1>"
        f"<script src='{site}/static/circulation/widget.js' {attributes} async></script>"
        "<p id='after'>After the calendar</p></main></body></html>"
    )
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
    assert page.evaluate("location.origin") != site


def frame_height(page):
    return page.locator(FRAME).evaluate("frame => frame.getBoundingClientRect().height")


@pytest.mark.browser
def test_a_partner_page_shows_the_widget_in_french_sized_to_its_content(
    talks, site, page, partner_server
):
    partner_site(
        page,
        site,
        partner_server,
        'data-region="africa" data-lang="fr" data-title="Calendrier GCM"',
    )
    frame_element = page.locator(FRAME)
    expect(frame_element).to_have_attribute("title", "Calendrier GCM")
    # Inserted right after the script, before what follows it.
    assert (
        page.evaluate("document.querySelector('script[src*=widget]').nextElementSibling.tagName")
        == "IFRAME"
    )
    frame = page.frame_locator(FRAME)
    expect(frame.get_by_role("link", name="Examen régional 0", exact=False)).to_be_visible()
    expect(frame.locator("html")).to_have_attribute("lang", "fr")
    expect(frame.get_by_text("Asia talk")).to_have_count(0)
    link = frame.get_by_role("link", name="Examen régional 0", exact=False)
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener")

    # The frame takes the height of its content (reported by postMessage), not its default.
    content = frame.locator("#widget")
    page.wait_for_function(
        "() => document.querySelector('iframe.gcmtalks-widget').style.height !== '480px'"
    )
    inner = content.evaluate("element => element.getBoundingClientRect().height")
    assert abs(frame_height(page) - inner) <= 2

    # A message from anywhere else is not listened to.
    before = frame_height(page)
    page.evaluate("window.postMessage({type: 'gcmtalks:widget-height', height: 37}, '*')")
    page.wait_for_timeout(200)
    assert frame_height(page) == before


@pytest.mark.browser
def test_the_partners_page_previews_the_widget(talks, site, page):
    page.goto(site + "/widget/embed/?region=africa")
    snippet = page.get_by_label("With a script", exact=False)
    expect(snippet).to_contain_text('data-region="africa"')
    frame = page.frame_locator(FRAME)
    expect(frame.get_by_role("link", name="Regional review 0", exact=False)).to_be_visible()
    page.wait_for_function(
        "() => document.querySelector('iframe.gcmtalks-widget').style.height !== '480px'"
    )
