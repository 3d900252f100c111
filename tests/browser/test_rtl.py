"""Arabic pages are laid out right to left, measured by where the browser puts things rather
than by looking at screenshots: the same page in English and in Arabic, side by side, is
mirrored; Latin names and titles inside Arabic text keep their own direction, on the public
pages and in the organisers' workspace. That no stylesheet uses a physical left or right is
checked with the design tokens, in tests/branding/test_stylesheets.py."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from gcmtalks.panels.models import AgendaItem, Speaker
from gcmtalks.registrations.models import Registration, Settings
from gcmtalks.talks.models import Talk
from tests.factories import OrganiserFactory, OrganiserMemberFactory, TalkFactory, in_days

TITLE = "Fair recruitment: who pays the fees?"
AGENDA_TITLE = "Who pays the fees?"
# Close enough to be the same edge: borders and sub-pixel rounding.
EDGE = 3


@pytest.fixture
def talk(db):
    """An online talk in ten days with an open registration, a Latin title ending in a
    question mark, a speaker and an agenda item with a Latin title."""
    talk = TalkFactory(
        slug="fair-recruitment",
        title=TITLE,
        summary="Employers, recruiters and Member States discuss recruitment fees.",
        registration_mode=Talk.Registration.OPEN,
        format=Talk.Format.ONLINE,
        start=in_days(10),
        end=in_days(10) + timedelta(minutes=90),
        languages=["en", "ar"],
    )
    talk.organisers.set([OrganiserFactory(slug="ws-labour", name="Labour migration")])
    Settings.objects.create(talk=talk, capacity_online=20)
    speaker = Speaker.objects.create(talk=talk, name="Omar Haddad", organisation="ILO")
    item = AgendaItem.objects.create(
        talk=talk, kind=AgendaItem.Kind.PANEL, title=AGENDA_TITLE, minutes=60
    )
    item.speakers.set([speaker])
    return talk


def box(page, selector: str) -> dict:
    """The element's box in the page: x (left), right, y, width, height."""
    found = page.locator(selector).first.evaluate(
        """el => { const r = el.getBoundingClientRect();
                   return {x: r.left, right: r.right, y: r.top, width: r.width, height: r.height}; }"""
    )
    return found


def content_box(page, selector: str) -> dict:
    """The box inside the element's padding: where its content starts and ends."""
    return page.locator(selector).first.evaluate(
        """el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
                   return {x: r.left + parseFloat(s.paddingLeft),
                           right: r.right - parseFloat(s.paddingRight)}; }"""
    )


def text_box(page, locator) -> dict:
    """Where the element's text itself is drawn (not its block, which may be wider)."""
    return locator.evaluate(
        """el => { const range = document.createRange(); range.selectNodeContents(el);
                   const r = range.getBoundingClientRect(); return {x: r.left, right: r.right}; }"""
    )


def character_x(locator, text: str, index: int) -> float:
    """The left edge of the character at `index` of `text`, inside the element."""
    return locator.evaluate(
        """(el, [text, index]) => {
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(text);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at + index); range.setEnd(node, at + index + 1);
                return range.getBoundingClientRect().left;
            }
            throw new Error('text not found: ' + text);
        }""",
        [text, index],
    )


def open_both(new_page, site, path):
    """The same page in English and in Arabic, in windows of the same size."""
    pages = {}
    for language, prefix in (("en", ""), ("ar", "/ar")):
        page = new_page(viewport={"width": 1280, "height": 900})
        page.goto(site + prefix + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        pages[language] = page
    return pages["en"], pages["ar"]


@pytest.mark.parametrize("path", ["/", "/talks/fair-recruitment/"])
@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_header_is_mirrored(talk, site, new_page, path):
    english, arabic = (header_boxes(page) for page in open_both(new_page, site, path))
    # English: the logo at the start (left), the languages pushed to the end (right).
    assert abs(english["brand"]["x"] - english["row"]["x"]) <= EDGE
    assert abs(english["languages"]["right"] - english["row"]["right"]) <= EDGE
    # Arabic: the same, mirrored.
    assert abs(arabic["brand"]["right"] - arabic["row"]["right"]) <= EDGE
    assert abs(arabic["languages"]["x"] - arabic["row"]["x"]) <= EDGE
    assert english["brand"]["x"] < english["languages"]["x"]
    assert arabic["brand"]["x"] > arabic["languages"]["x"]
    # The logo comes before the site's name, in the reading direction.
    assert english["logo"]["x"] < english["name"]["x"]
    assert arabic["logo"]["x"] > arabic["name"]["x"]


def header_boxes(page) -> dict:
    boxes = {"row": content_box(page, ".site-header .header-row")}
    for name, selector in (("brand", ".brand"), ("languages", ".languages"),
                           ("logo", ".brand img"), ("name", ".brand span")):  # fmt: skip
        boxes[name] = box(page, ".site-header " + selector)
    return boxes


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_calendar_table_reads_from_the_right(talk, site, new_page):
    english, arabic = open_both(new_page, site, "/")
    for page, starts_left in ((english, True), (arabic, False)):
        table = box(page, "table.talks")
        headers = page.locator("table.talks thead th")
        first, second = (headers.nth(i).bounding_box() for i in (0, 1))
        if starts_left:
            assert abs(first["x"] - table["x"]) <= EDGE
            assert first["x"] < second["x"]
        else:
            assert abs(first["x"] + first["width"] - table["right"]) <= EDGE
            assert first["x"] > second["x"]
        # Each cell's text starts at its reading side.
        cell = page.locator("table.talks tbody th[scope=row]").first
        cell_box, text = (
            box(page, "table.talks tbody th[scope=row]"),
            text_box(page, cell.locator("a")),
        )
        if starts_left:
            assert text["x"] - cell_box["x"] < 20
        else:
            assert cell_box["right"] - text["right"] < 20


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_form_labels_and_fields_start_at_the_right(talk, site, new_page):
    english, arabic = open_both(new_page, site, "/talks/fair-recruitment/register/")
    for page, starts_left in ((english, True), (arabic, False)):
        field = page.locator("form.registration .field").first
        label, control = field.locator("label"), field.locator("input, select").first
        words, control_box = text_box(page, label), control.bounding_box()
        if starts_left:
            assert abs(words["x"] - control_box["x"]) <= EDGE
        else:
            assert abs(words["right"] - (control_box["x"] + control_box["width"])) <= EDGE
        # The button sits at the reading start too.
        button = page.get_by_role("button").last.bounding_box()
        form = box(page, "form.registration")
        if starts_left:
            assert abs(button["x"] - form["x"]) <= EDGE
        else:
            assert abs(button["x"] + button["width"] - form["right"]) <= EDGE


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_talk_facts_put_their_names_at_the_right(talk, site, new_page):
    english, arabic = open_both(new_page, site, "/talks/fair-recruitment/")
    for page, names_left in ((english, True), (arabic, False)):
        name, value = box(page, ".facts dt"), box(page, ".facts dd")
        assert (name["x"] < value["x"]) == names_left


ISOLATE = ":is(bdi, [dir=auto])"


def assert_isolated_ltr(within, text: str):
    """`text` is in an element of its own that isolates it and reads left to right: its last
    character is drawn to the right of its first."""
    element = within.locator(ISOLATE).filter(has_text=re.compile("^" + re.escape(text) + "$"))
    expect(element).to_have_count(1)
    assert element.evaluate("el => getComputedStyle(el).unicodeBidi") == "isolate"
    assert element.evaluate("el => el.matches(':dir(ltr)')")
    assert character_x(element, text, len(text) - 1) > character_x(element, text, 0)
    return element


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_latin_titles_inside_arabic_keep_their_direction(talk, site, new_page):
    """A Latin title ending in "?" shown right to left would read "?Who pays the fees": the
    question mark is a neutral character and takes the paragraph's direction unless the
    title is isolated (<bdi>, dir="auto")."""
    page = new_page()
    page.goto(site + "/ar/talks/fair-recruitment/")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(TITLE)
    assert_isolated_ltr(heading, TITLE)
    # The heading itself stays right to left: it starts at the right, as the page does.
    assert heading.evaluate("el => el.matches(':dir(rtl)')")

    # Inside an Arabic line: the agenda's part ("Panel", in Arabic), then the item's title,
    # which comes after it in reading order, so to its left.
    line = page.locator(".agenda li").first
    title = assert_isolated_ltr(line, AGENDA_TITLE)
    part, title_box = line.locator("strong").bounding_box(), title.bounding_box()
    assert part["x"] >= title_box["x"] + title_box["width"] - EDGE

    # The speaker's name and organisation, in an Arabic list.
    speaker = page.locator(".speakers li").first
    assert_isolated_ltr(speaker, "Omar Haddad")
    assert_isolated_ltr(speaker, "ILO")

    # The calendar's row and the register page name the talk the same way.
    page.goto(site + "/ar/")
    assert_isolated_ltr(page.locator("table.talks tbody th[scope=row]"), TITLE)
    page.goto(site + "/ar/talks/fair-recruitment/register/")
    assert_isolated_ltr(page.locator(".breadcrumb"), TITLE)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_names_in_the_arabic_workspace_keep_their_direction(talk, site, signed_in_page):
    """The organisers' pages too: a registrant's name followed by a full stop, the speaker's
    name and organisation in the panel's table, and the talk's title ending in "?"."""
    organiser = talk.organisers.get()
    member = OrganiserMemberFactory(organiser=organiser).user
    Registration.objects.create(
        talk=talk, name="Maria Lopez Jr.", email="maria@example.org", organisation="Caritas",
        attendance_mode=Registration.Mode.ONLINE, status=Registration.Status.CONFIRMED,
    )  # fmt: skip
    page = signed_in_page(member)
    page.goto(site + "/ar/manage/talks/fair-recruitment/registrants/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    row = page.locator("table.registrants tbody tr").first
    assert_isolated_ltr(row.locator("th"), "Maria Lopez Jr.")
    assert_isolated_ltr(row, "maria@example.org")
    assert_isolated_ltr(page.locator(".lead"), TITLE)

    page.goto(site + "/ar/manage/talks/fair-recruitment/panel/")
    speaker = page.locator("table.speakers tbody th[scope=row]").first
    assert_isolated_ltr(speaker, "Omar Haddad")
    assert_isolated_ltr(speaker, "ILO")
    # The name and, below it, the organisation both start at the cell's right edge.
    name, organisation = (text_box(page, speaker.locator(s).first) for s in ("a", ".meta"))
    assert abs(name["right"] - organisation["right"]) <= EDGE
