"""The report's PDF: Arabic, Chinese and Cyrillic text comes back out of it, and only a
published report's PDF is public."""

import unicodedata
from io import BytesIO

import pytest
from pypdf import PdfReader

from gcmtalks.panels.models import AgendaItem
from gcmtalks.reports.pdf import report_html, report_pdf
from gcmtalks.reports.services import report_publish

from .conftest import write

pytestmark = pytest.mark.django_db

TEXTS = {
    "ar": "يجب إنهاء رسوم التوظيف المفروضة على العمال المهاجرين",
    "zh-hans": "必须取消向移民工人收取的招聘费",
    "ru": "Сборы за найм с трудовых мигрантов должны быть отменены",
}
FONTS = {"ar": "NotoSansArabic", "zh-hans": "WenQuanYiMicroHei", "ru": "DejaVuSans"}


def pdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return unicodedata.normalize("NFKC", text)


def fonts_of(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).replace("-", ""))  # "/ABCDEF+DejaVu-Sans"
    return names


def contains(extracted: str, expected: str) -> bool:
    """Whether the PDF's text holds `expected`. NFKC folds Arabic presentation forms (the
    shaped glyphs some extractors return) back into the letters typed. Extractors may also
    give right-to-left runs in visual order, i.e. reversed, so that order is accepted too; it
    still proves every letter was drawn with a real glyph, not a missing-glyph box."""
    expected = unicodedata.normalize("NFKC", expected)
    return expected in extracted or expected[::-1] in extracted


@pytest.fixture
def report(talk, people):
    write(talk, people.member, context="Recruitment fees must end.")
    for language, text in TEXTS.items():
        write(talk, people.member, language=language, context=text)
    return report_publish(talk=talk, by=people.member)


@pytest.mark.parametrize("language", TEXTS)
def test_pdf_renders_text_in_language(talk, report, language):
    pdf = report_pdf(talk, report, language)
    assert pdf.startswith(b"%PDF-")
    assert contains(pdf_text(pdf), TEXTS[language])
    assert any(FONTS[language] in name for name in fonts_of(pdf))


def test_pdf_of_arabic_is_right_to_left(talk, report):
    html = report_html(talk, report, "ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert 'class="report-text" lang="ar" dir="rtl"' in html


def test_pdf_has_logo_and_talk_data(talk, report):
    html = report_html(talk, report, "en")
    assert 'src="data:image/svg+xml;base64,' in html
    text = pdf_text(report_pdf(talk, report, "en"))
    assert "Fair recruitment" in text
    assert "Geneva time" in text
    assert "Labour migration" in text


def test_pdf_falls_back_to_english(talk, report):
    text = pdf_text(report_pdf(talk, report, "es"))
    assert "Recruitment fees must end." in text


def test_pdf_agenda_under_chatham_house_names_nobody(chatham_talk, people):
    from .conftest import speak

    speaker = speak(chatham_talk, "Zoë Müller-Ñúñez", organisation="Fair Work Institute")
    item = AgendaItem.objects.create(talk=chatham_talk, kind="panel", title="Fees", minutes=45)
    item.speakers.add(speaker)
    write(chatham_talk, people.member, context="A panellist said fees must end.")
    report = report_publish(talk=chatham_talk, by=people.member)
    text = pdf_text(report_pdf(chatham_talk, report, "en"))
    assert "Panel: Fees" in text
    assert "Müller" not in text and "Fair Work" not in text


# Over HTTP.


def test_pdf_url_serves_published_report_in_chosen_language(client, talk, report):
    response = client.get(f"/talks/{talk.slug}/report.pdf?lang=zh-hans")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert contains(pdf_text(response.content), TEXTS["zh-hans"])


def test_pdf_url_with_unknown_language_uses_page_language(client, talk, report):
    response = client.get(f"/ru/talks/{talk.slug}/report.pdf?lang=xx<script>")
    assert response.status_code == 200
    assert contains(pdf_text(response.content), TEXTS["ru"])


def test_pdf_url_of_draft_report_is_not_found(client, talk, people):
    write(talk, people.member)
    assert client.get(f"/talks/{talk.slug}/report.pdf").status_code == 404


def test_pdf_preview_of_draft_report_for_organisers(client, talk, people):
    write(talk, people.member, context="Draft words.")
    client.force_login(people.member)
    response = client.get(f"/manage/talks/{talk.slug}/report/preview.pdf?lang=en")
    assert response.status_code == 200
    assert "Draft words." in pdf_text(response.content)


@pytest.mark.parametrize("who", ["outsider", "member_other"])
def test_pdf_preview_refused_to_others(client, talk, people, who):
    write(talk, people.member)
    client.force_login(getattr(people, who))
    assert client.get(f"/manage/talks/{talk.slug}/report/preview.pdf").status_code == 403
