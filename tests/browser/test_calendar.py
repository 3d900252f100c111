"""The public calendar in a real browser: filters (with and without JavaScript), a talk's
times in Geneva, local and visitor time, the month view, Arabic (right to left), keyboard."""

import re

import pytest
from playwright.sync_api import expect

from gcmtalks.core.models import Language, Region
from gcmtalks.talks.models import Talk
from gcmtalks.talks.seed import load_seed_calendar

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CAIRO_TITLE = (
    "Climate change and migration in the Arab Region: Just transition and labour mobility "
    "as an adaptation strategy"
)
LIST_TITLES = "table.talks tbody th[scope=row] > a"
MONTH_TITLES = "table.month td li > a"


@pytest.fixture
def seeded(db):
    # The data migration's reference data, put back after every flush by serialized_rollback.
    assert Language.objects.filter(code="ar").exists()
    assert Region.objects.count() == 5
    created, _changed = load_seed_calendar()
    assert created == 22
    return created


def arabic_titles():
    titles = set(
        Talk.objects.filter(interpretation_languages__code="ar").values_list("title", flat=True)
    )
    assert len(titles) == 7, titles  # the seed calendar has 7 talks with Arabic
    return titles


def shown_titles(page, selector=LIST_TITLES):
    return {text.strip() for text in page.locator(selector).all_inner_texts()}


@pytest.mark.browser
def test_filter_by_arabic_then_open_a_talk(seeded, site, page):
    expected = arabic_titles()
    page.goto(site + "/")
    expect(page.locator(LIST_TITLES)).to_have_count(22)

    page.get_by_label("Interpretation", exact=True).select_option("ar")
    # Empty filters are left out of the shareable address.
    expect(page).to_have_url(site + "/?language=ar")
    expect(page.locator("#result-count")).to_have_text(f"{len(expected)} talks")
    expect(page.locator(LIST_TITLES)).to_have_count(len(expected))
    assert shown_titles(page) == expected

    page.get_by_role("link", name=CAIRO_TITLE, exact=True).click()
    expect(page).to_have_url(site + "/talks/climate-change-migration-arab-region/")
    expect(page.get_by_role("heading", level=1)).to_have_text(CAIRO_TITLE)
    # 12:00–14:00 in Cairo on 26 October 2023 is 09:00–11:00 UTC.
    expect(page.locator(".time-main")).to_have_text("11:00–13:00 Geneva time (CEST, UTC+2)")
    expect(page.locator(".time-local")).to_have_text("12:00–14:00 Cairo time (EEST, UTC+3)")
    visitor = page.locator("[data-visitor-time]")
    expect(visitor).to_be_visible()
    expect(visitor).to_contain_text("Your time")
    expect(visitor).to_contain_text("18:00–20:00")  # 09:00 UTC in Tokyo
    expect(visitor).to_contain_text("Asia/Tokyo")


@pytest.mark.browser
def test_filtering_replaces_the_results_instead_of_nesting_them(seeded, site, page):
    page.goto(site + "/")
    expect(page.locator("#results")).to_have_count(1)
    page.get_by_label("Interpretation", exact=True).select_option("ar")
    expect(page).to_have_url(re.compile(r"[?&]language=ar(&|$)"))
    expect(page.locator("#result-count")).to_have_text("7 talks")
    # One #results, one live region: no duplicate ids after the HTMX swap.
    expect(page.locator("#results")).to_have_count(1)
    expect(page.locator("[role=status]")).to_have_count(1)


@pytest.mark.browser
def test_filter_by_arabic_without_javascript(seeded, site, new_page):
    expected = arabic_titles()
    page = new_page(java_script_enabled=False)
    page.goto(site + "/")
    page.get_by_label("Interpretation", exact=True).select_option("ar")
    expect(page.locator(LIST_TITLES)).to_have_count(22)  # nothing happens until submitted
    page.get_by_role("button", name="Show talks").click()
    expect(page).to_have_url(re.compile(r"[?&]language=ar(&|$)"))
    expect(page.locator(LIST_TITLES)).to_have_count(len(expected))
    assert shown_titles(page) == expected
    expect(page.get_by_label("Interpretation", exact=True)).to_have_value("ar")

    page.get_by_role("link", name=CAIRO_TITLE, exact=True).click()
    expect(page.locator(".time-main")).to_have_text("11:00–13:00 Geneva time (CEST, UTC+2)")
    expect(page.locator(".time-local")).to_have_text("12:00–14:00 Cairo time (EEST, UTC+3)")
    expect(page.locator("[data-visitor-time]")).to_be_hidden()


@pytest.mark.browser
def test_month_view_and_next_month(seeded, site, page):
    page.goto(site + "/?view=month&month=2023-05")
    expect(page.locator("#month-heading")).to_have_text("May 2023")
    may = set(Talk.objects.filter(start__year=2023, start__month=5).values_list("title", flat=True))
    assert len(may) == 4
    expect(page.locator(MONTH_TITLES)).to_have_count(len(may))
    assert shown_titles(page, MONTH_TITLES) == may

    page.get_by_role("link", name="Next month").click()
    expect(page).to_have_url(re.compile(r"[?&]month=2023-06(&|$)"))
    expect(page.locator("#month-heading")).to_have_text("June 2023")
    june = set(
        Talk.objects.filter(start__year=2023, start__month=6).values_list("title", flat=True)
    )
    assert len(june) == 1
    expect(page.locator(MONTH_TITLES)).to_have_count(1)
    assert shown_titles(page, MONTH_TITLES) == june


@pytest.mark.browser
def test_arabic_page_is_right_to_left(seeded, site, page):
    page.goto(site + "/ar/")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    expect(page.locator(LIST_TITLES)).to_have_count(22)


@pytest.mark.browser
def test_first_tab_focuses_skip_link(seeded, site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(site + "/#main")
    expect(page.locator("main")).to_be_focused()
