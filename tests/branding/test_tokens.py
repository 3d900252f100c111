"""One set of design tokens: the committed files are written from tokens.py, and the pages,
the mails, the PDF report, the logo and the cards all take their colours from it."""

import re
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from gcmtalks.branding import assets, cards, logo, tokens
from gcmtalks.briefings.mail import render as render_briefing
from gcmtalks.briefings.models import BriefingPack
from gcmtalks.registrations.models import Registration
from gcmtalks.reports.pdf import STYLESHEET, report_html, report_pdf
from gcmtalks.reports.services import report_publish
from tests.factories import OrganiserMemberFactory
from tests.reports.conftest import past_talk, write

ROOT = Path(settings.BASE_DIR) / "gcmtalks"
CORE_LOGO = ROOT / "core" / "static" / "img" / "logo.svg"
HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b")


def used_properties(css: str) -> set[str]:
    return set(re.findall(r"var\(--([a-z0-9-]+)\)", css))


def test_committed_files_are_what_the_command_writes():
    """Change tokens.py, then run `manage.py branding_assets`: this fails until you do."""
    tokens_css = (assets.STATIC / "tokens.css").read_text(encoding="utf-8")
    assert tokens_css == tokens.css()
    assert assets.stale() == []
    call_command("branding_assets", "--check")


def test_the_check_fails_on_a_stale_file(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "STATIC", tmp_path)
    (tmp_path / "tokens.css").write_text(":root { --brand: #ff0000; }\n")
    with pytest.raises(CommandError, match="Out of date .*tokens.css"):
        call_command("branding_assets", "--check")
    call_command("branding_assets")
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        ["tokens.css", "gcm-talks-logo.svg", "gcm-talks-logo-256.png", "gcm-talks-logo-1024.png"]
    )
    call_command("branding_assets", "--check")


def test_contrast_is_computed_as_wcag_says():
    assert tokens.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert tokens.contrast("#ffffff", "#ffffff") == pytest.approx(1)
    assert tokens.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(
    "text, background",
    [
        ("ink", "paper"),
        ("muted", "paper"),
        ("brand", "paper"),
        ("paper", "brand"),
        ("paper", "brand-dark"),
        ("paper", "youth"),
        ("ink", "accent"),
        ("ink", "brand-light"),
        ("muted", "brand-light"),
        ("warn-ink", "warn-bg"),
        ("error", "error-bg"),
        ("ink", "youth-light"),
        ("youth", "youth-light"),
    ],
)
def test_text_colours_pass_aa_on_their_backgrounds(text, background):
    assert tokens.contrast(tokens.colour(text), tokens.colour(background)) >= 4.5


def test_borders_and_focus_pass_the_non_text_contrast():
    assert tokens.contrast(tokens.colour("field-border"), tokens.colour("paper")) >= 3
    assert tokens.contrast(tokens.colour("focus"), tokens.colour("ink")) >= 3


# Every stylesheet's use of the tokens is checked in test_stylesheets.py.


def test_pages_load_the_tokens_before_their_stylesheets(client, db):
    page = client.get("/").content.decode()
    tokens_at = page.index("/static/branding/tokens.")
    assert tokens_at < page.index("/static/css/site.")
    # The embeddable calendar is a page of its own, with only its stylesheet after the tokens.
    widget = client.get("/widget/").content.decode()
    assert widget.index("/static/branding/tokens.") < widget.index("/static/circulation/widget.")


@pytest.fixture
def published_report(db):
    member = OrganiserMemberFactory()
    talk = past_talk(member.organiser, slug="fair-recruitment", title="Fair recruitment")
    write(talk, member.user)
    return talk, report_publish(talk=talk, by=member.user)


def test_the_pdf_report_takes_its_colours_from_the_tokens(published_report):
    talk, report = published_report
    stylesheet = STYLESHEET.read_text(encoding="utf-8")
    assert HEX.findall(stylesheet) == []
    assert used_properties(stylesheet) <= {name for name, _value in tokens.properties()}
    assert "var(--brand)" in stylesheet
    html = report_html(talk, report, "en")
    assert tokens.properties_css() in html
    assert f"--brand: {tokens.colour('brand')};" in html
    # The drawn PDF fills the headings with the brand colour (as an RGB fill operator).
    pdf = PdfReader(BytesIO(report_pdf(talk, report, "en")))
    operators = " ".join(
        zlib.decompress(stream.get_object()._data).decode("latin-1")
        if stream.get_object().get("/Filter") == "/FlateDecode"
        else stream.get_object().get_data().decode("latin-1")
        for page in pdf.pages
        for stream in [page["/Contents"]]
    )
    red, green, blue = (channel / 255 for channel in tokens.rgb("brand"))
    fills = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", operators)
    assert any(
        abs(float(r) - red) < 0.01 and abs(float(g) - green) < 0.01 and abs(float(b) - blue) < 0.01
        for r, g, b in fills
    ), fills


def test_html_mails_take_their_colours_from_the_tokens(db):
    talk = past_talk(OrganiserMemberFactory().organiser, slug="mail-talk")
    registration = Registration.objects.create(
        talk=talk,
        name="Amina",
        email="amina@example.org",
        attendance_mode=Registration.Mode.ONLINE,
        status=Registration.Status.CONFIRMED,
    )
    _subject, _text, html = render_briefing(BriefingPack(talk=talk), registration, [])
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert style == tokens.mail_css()
    assert f"a {{ color: {tokens.colour('brand')}; }}" in style
    assert f"color: {tokens.colour('ink')};" in style


def test_the_logo_is_the_sites_logo_in_token_colours():
    core = CORE_LOGO.read_text(encoding="utf-8")
    assert re.findall(r' d="([^"]+)"', core) == list(logo.path_d())
    colours = {value.lower() for value in re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]+)"', core)}
    expand = {"#fff": "#ffffff"}
    assert {expand.get(value, value) for value in colours} == {
        tokens.colour("paper"),
        tokens.colour("brand"),
        tokens.colour("accent"),
    }
    drawn = logo.draw(256)
    # Between the disc's edge and the ring (18 of 40 units above the centre): white.
    assert drawn.getpixel((128, 13)) == (*tokens.rgb("paper"), 255)
    assert tokens.rgb("brand") in {colour[:3] for _n, colour in drawn.getcolors(1 << 16)}


def test_the_cards_take_their_colours_from_the_tokens():
    text = cards.CardText(
        language="en", rtl=False, title="A talk", notice="", date="Monday 3 March 2031",
        times=("15:00–16:30 Geneva time (CET, UTC+1)",), interpretation="", audience="",
        youth=False, badge="Youth", name="GCM Talks", network="UN Network on Migration",
        hashtag=tokens.HASHTAG,
    )  # fmt: skip
    card = cards.render(text, "1200x630")
    assert card.image.getpixel((0, 0)) == tokens.rgb("brand")
    colours = {colour for _n, colour in card.image.getcolors(1 << 20)}
    assert {tokens.rgb("paper"), tokens.rgb("accent")} <= colours
    rule = next(drawn for drawn in card.drawn if drawn.kind == "rule")
    assert card.image.getpixel((rule.box[0] + 2, rule.box[1] + 2)) == tokens.rgb("accent")
