"""The social-media cards as drawn: sizes, every drawn thing inside the safe area (by its box
and by the pixels of the margin), shaped right-to-left Arabic, Chinese, long titles and the
youth variant."""

import io
from dataclasses import replace
from itertools import pairwise

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, features

from gcmtalks.branding import cards, fonts, tokens
from gcmtalks.branding.checks import card_fonts
from gcmtalks.core.models import Language
from gcmtalks.talks.models import Talk

from .conftest import LANGUAGES, SIZES, TITLES, talk_with_titles

pytestmark = pytest.mark.django_db

TEXT_KINDS = {"title", "notice", "date", "time", "interpretation", "audience"}


def inside(box, area) -> bool:
    left, top, right, bottom = box
    return area[0] <= left <= right <= area[2] and area[1] <= top <= bottom <= area[3]


def margin_colours(card) -> set:
    """Every colour in the band between the image's edges and its safe area."""
    image, (left, top, right, bottom) = card.image, card.safe
    width, height = image.size
    bands = [
        (0, 0, width, top),
        (0, bottom, width, height),
        (0, 0, left, height),
        (right, 0, width, height),
    ]
    colours = set()
    for band in bands:
        colours |= {colour for _count, colour in image.crop(band).getcolors(maxcolors=1 << 20)}
    return colours


HEADER_KINDS = {"logo", "name", "network", "badge", "badge-text", "hashtag"}


def assert_within_safe_area(card):
    for drawn in card.drawn:
        assert inside(drawn.box, card.safe), drawn
    assert margin_colours(card) == {card.background}
    # Nothing overlaps: the header is above the body, whose lines go down one after another.
    header = [drawn for drawn in card.drawn if drawn.kind in HEADER_KINDS]
    body = [drawn for drawn in card.drawn if drawn.kind not in HEADER_KINDS]
    assert max(drawn.box[3] for drawn in header) <= body[0].box[1]
    for above, below in pairwise(body):
        assert above.box[3] <= below.box[1], (above, below)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_card_renders_in_each_language_and_size_inside_its_safe_area(talk, language, size):
    card = cards.render(cards.card_text(talk, language), size)
    assert card.image.size == SIZES[size]
    png = Image.open(io.BytesIO(card.png()))
    assert png.format == "PNG" and png.size == SIZES[size]
    lines = [drawn.text for drawn in card.drawn if drawn.kind == "title"]
    # Lines are cut at spaces, never inside a word (between any two characters in Chinese).
    joiner = "" if language == "zh-hans" else " "
    assert joiner.join(lines) == TITLES[language]
    assert {"logo", "name", "title", "rule", "date", "time", "interpretation"} <= {
        drawn.kind for drawn in card.drawn
    }
    assert_within_safe_area(card)


def test_card_text_is_in_the_cards_language(talk):
    french, russian, chinese, arabic = (
        cards.card_text(talk, code) for code in ("fr", "ru", "zh-hans", "ar")
    )
    assert french.date == "mardi 25 février 2031"
    assert "15:00–16:30" in french.times[0] and "CET, UTC+1" in french.times[0]
    assert "Anglais" in french.interpretation and "Français" in french.interpretation
    assert "февраля" in russian.date
    assert chinese.date.startswith("2031年2月25日")
    assert chinese.interpretation.count("、") == 2 and "法文" in chinese.interpretation
    assert arabic.rtl and arabic.title == TITLES["ar"]
    # Clock times and the zone are isolated left to right inside the Arabic line.
    assert "\u206615:00–16:30\u2069" in arabic.times[0]
    assert "\u2066CET, UTC+1\u2069" in arabic.times[0]
    assert "، " in arabic.interpretation and "الفرنسية" in arabic.interpretation


def test_a_missing_translation_falls_back_to_the_english_title(db):
    talk = talk_with_titles(slug="english-only", title_ar="", title_zh_hans=None)
    assert cards.card_text(talk, "ar").title == TITLES["en"]
    assert cards.card_text(talk, "zh-hans").title == TITLES["en"]
    card = cards.render(cards.card_text(talk, "ar"), "1200x630")
    assert_within_safe_area(card)


def test_arabic_is_shaped_by_raqm(talk):
    card = cards.render(cards.card_text(talk, "ar"), "1200x630")
    assert card.layout_engines == {ImageFont.Layout.RAQM}
    face = fonts.pick(TITLES["ar"], "ar", bold=True)
    assert face.family == "Noto Sans Arabic"
    shaped = ImageFont.truetype(face.path, 48, layout_engine=ImageFont.Layout.RAQM)
    unshaped = ImageFont.truetype(face.path, 48, layout_engine=ImageFont.Layout.BASIC)
    # Joined letters (initial, medial and final forms) do not measure as isolated ones.
    assert shaped.getlength(TITLES["ar"], direction="rtl", language="ar") != pytest.approx(
        unshaped.getlength(TITLES["ar"]), abs=1
    )
    drawn = Image.new("L", (900, 80))
    plain = Image.new("L", (900, 80))
    ImageDraw.Draw(drawn).text((10, 10), TITLES["ar"], font=shaped, fill=255, direction="rtl")
    ImageDraw.Draw(plain).text((10, 10), TITLES["ar"], font=unshaped, fill=255)
    assert ImageChops.difference(drawn, plain).getbbox() is not None


@pytest.mark.parametrize("size", SIZES)
def test_arabic_is_right_aligned_and_english_left_aligned(talk, size):
    arabic = cards.render(cards.card_text(talk, "ar"), size)
    english = cards.render(cards.card_text(talk, "en"), size)
    for card, side in ((arabic, "right"), (english, "left")):
        left, _top, right, _bottom = card.safe
        texts = [drawn for drawn in card.drawn if drawn.kind in TEXT_KINDS]
        assert texts
        for drawn in texts:
            if side == "right":
                assert right - 4 <= drawn.box[2] <= right, drawn
                assert drawn.box[0] > left + 4, drawn  # not merely full width
            else:
                assert left <= drawn.box[0] <= left + 4, drawn
        logo = next(drawn for drawn in card.drawn if drawn.kind == "logo")
        assert (logo.box[2] == right) if side == "right" else (logo.box[0] == left)


def test_chinese_is_drawn_with_a_cjk_font(talk):
    assert fonts.pick(TITLES["zh-hans"], "zh-hans", bold=True).family == "WenQuanYi Micro Hei"
    # Latin letters in Arabic text need a font that has both.
    mixed = cards.card_text(talk, "ar").times[0]
    assert fonts.coverage(fonts.pick(mixed, "ar"), mixed) == 0


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "title",
    [
        " ".join(["Protecting the rights of migrant workers in every region"] * 12),
        "Migration" * 60,  # one word wider than the card
        "移民工人的权利与保护" * 30,  # no spaces at all
        " ".join([TITLES["ar"]] * 15),
    ],
    ids=["words", "one-long-word", "chinese", "arabic"],
)
def test_a_very_long_title_still_fits(talk, size, title):
    language = "zh-hans" if "移" in title else "ar" if "ا" in title else "en"
    text = replace(cards.card_text(talk, language), title=title)
    card = cards.render(text, size)
    lines = [drawn for drawn in card.drawn if drawn.kind == "title"]
    assert 1 <= len(lines) <= cards.LAYOUTS[size].title_lines
    assert lines[-1].text.endswith(cards.ELLIPSIS)
    if " " in title:  # cut between words
        words = set(title.split())
        for line in lines:
            assert set(line.text.removesuffix(cards.ELLIPSIS).split()) <= words, line
    assert_within_safe_area(card)


def test_long_details_stay_inside(db):
    talk = talk_with_titles(
        slug="bangkok",
        timezone="Asia/Bangkok",
        audience=Talk.Audience.YOUTH,
        status=Talk.Status.POSTPONED,
        title=" ".join([TITLES["en"]] * 4),
    )
    talk.interpretation_languages.set(Language.objects.all())
    for language in ("ru", "ar"):
        text = cards.card_text(Talk.objects.get(pk=talk.pk), language)
        assert len(text.times) == 2 and "UTC+7" in text.times[1]
        for size in SIZES:
            card = cards.render(text, size)
            assert_within_safe_area(card)
            kinds = {drawn.kind for drawn in card.drawn}
            assert {"notice", "badge", "title", "audience"} <= kinds


def test_youth_talks_have_their_own_colour_and_a_badge(db):
    youth = talk_with_titles(slug="youth", audience=Talk.Audience.YOUTH)
    other = talk_with_titles(slug="open", audience=Talk.Audience.OPEN_TO_ALL)
    youth_card = cards.render(cards.card_text(youth, "en"), "1200x630")
    other_card = cards.render(cards.card_text(other, "en"), "1200x630")
    assert youth_card.background == tokens.rgb("youth")
    assert other_card.background == tokens.rgb("brand")
    assert youth_card.image.getpixel((5, 5)) == tokens.rgb("youth")
    badges = [drawn for drawn in youth_card.drawn if drawn.kind == "badge-text"]
    assert [badge.text for badge in badges] == ["Youth"]
    assert not [drawn for drawn in other_card.drawn if drawn.kind.startswith("badge")]
    assert ImageChops.difference(youth_card.image, other_card.image).getbbox() is not None
    assert_within_safe_area(youth_card)
    # The badge's text is ink on the accent: readable (7.8:1).
    assert tokens.contrast(tokens.colour("ink"), tokens.colour("accent")) >= 4.5


def test_a_postponed_talk_says_so(db):
    talk = talk_with_titles(slug="later", status=Talk.Status.POSTPONED)
    card = cards.render(cards.card_text(talk, "en"), "1080x1080")
    assert [d.text for d in card.drawn if d.kind == "notice"] == ["Postponed"]


def test_missing_fonts_fail_clearly(monkeypatch):
    missing = {
        key: replace(family, regular=("/nowhere/font.ttf",), bold=())
        for key, family in fonts.FAMILIES.items()
    }
    monkeypatch.setattr(fonts, "FAMILIES", missing)
    with pytest.raises(fonts.FontMissing, match="Install the Debian packages .*fonts-noto-core"):
        fonts.pick("Hello", "en")
    errors = card_fonts(None)
    assert {error.id for error in errors} == {"branding.E001"}
    assert len(errors) == len(LANGUAGES)


def test_the_fonts_of_this_machine_pass_the_check():
    assert card_fonts(None) == []


def test_the_fingerprint_follows_what_the_card_says(talk):
    text = cards.card_text(talk, "en")
    assert text.fingerprint("1200x630") == cards.card_text(talk, "en").fingerprint("1200x630")
    assert text.fingerprint("1200x630") != text.fingerprint("1080x1080")
    assert text.fingerprint("1200x630") != replace(text, title="Other").fingerprint("1200x630")


def test_a_machine_with_latin_fonts_only_is_told_which_languages_fail(monkeypatch):
    only_latin = {
        key: family if key == "sans" else replace(family, regular=("/nowhere/font.ttf",))
        for key, family in fonts.FAMILIES.items()
    }
    monkeypatch.setattr(fonts, "FAMILIES", only_latin)
    problems = fonts.problems()
    assert len(problems) == 2
    assert "'ar'" in problems[0] and "'zh-hans'" in problems[1]


def test_pillow_without_raqm_fails_the_check(monkeypatch):
    monkeypatch.setattr(features, "check", lambda feature: feature != "raqm")
    assert [error.id for error in card_fonts(None)] == ["branding.E002"]
