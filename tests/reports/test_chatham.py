"""The Chatham House check: the pure matching, then what it does to publication."""

import pytest

from gcmtalks.core.models import AuditEntry
from gcmtalks.panels.models import AgendaItem
from gcmtalks.reports import chatham
from gcmtalks.reports.models import SummaryReport
from gcmtalks.reports.services import (
    NamesFound,
    report_justify,
    report_publish,
    report_text_save,
)

from .conftest import Status, country, register, speak, write

Name = chatham.Name


def found(text, *names, kind=chatham.SPEAKER):
    findings = chatham.find([("en", "context", text)], [Name(kind, name) for name in names])
    return [finding.name for finding in findings]


# Matching (no database).


def test_normalise_drops_case_accents_and_extra_spaces():
    assert chatham.normalise("  Zoë   MÜLLER-Ñúñez\n") == "zoe muller-nunez"
    assert chatham.normalise("Côte d’Ivoire") == "cote d'ivoire"
    assert chatham.normalise("Søren Łukasz") == "soren lukasz"


def test_find_name_written_in_capitals_without_diacritics():
    assert found("As ZOE MULLER-NUNEZ said, fees must end.", "Zoë Müller-Ñúñez") == [
        "Zoë Müller-Ñúñez"
    ]


def test_find_country_in_lower_case_without_accent():
    text = "The delegation of cote d'ivoire spoke first."
    assert found(text, "Côte d'Ivoire", kind=chatham.MEMBER_STATE) == ["Côte d'Ivoire"]


def test_find_whole_words_only():
    assert found("Somalia and the Somali diaspora.", "Mali") == []
    assert found("Mali's delegation, then MALI again.", "Mali") == ["Mali"]
    assert found("Ana Lopezova spoke", "Ana Lopez") == []


def test_find_name_across_line_breaks_and_spaces():
    assert found("Thanks to Rosa\n   Díaz for", "Rosa Diaz") == ["Rosa Diaz"]


def test_find_names_in_arabic_cyrillic_and_chinese():
    texts = [
        ("ar", "context", "قالت فاطمة الزهراء إن الرسوم يجب أن تنتهي."),
        ("ru", "context", "Как сказал ИВАН ПЕТРОВ, сборы должны исчезнуть."),
        ("zh-hans", "context", "张伟说招聘费必须取消。"),
    ]
    names = [Name(chatham.SPEAKER, n) for n in ("فاطمة الزهراء", "Иван Петров", "张伟")]
    assert [(f.name, f.language) for f in chatham.find(texts, names)] == [
        ("فاطمة الزهراء", "ar"),
        ("Иван Петров", "ru"),
        ("张伟", "zh-hans"),
    ]


def test_find_latin_name_beside_chinese_characters():
    assert found("正如Rosa Díaz所说", "Rosa Diaz") == ["Rosa Diaz"]


def test_find_skips_empty_and_one_letter_names():
    assert found("A talk about X and Y.", "", "X", " ") == []


def test_find_reports_language_and_section():
    texts = [("en", "context", "Nothing."), ("fr", "next_steps", "Merci à Rosa Díaz.")]
    [finding] = chatham.find(texts, [Name(chatham.REGISTRANT, "Rosa Díaz")])
    assert (finding.kind, finding.language, finding.section, finding.key) == (
        chatham.REGISTRANT,
        "fr",
        "next_steps",
        "rosa diaz",
    )


def test_grouped_keeps_every_kind_and_place_of_one_name():
    texts = [("en", "context", "Acme spoke."), ("fr", "context", "ACME a parlé.")]
    names = [Name(chatham.REGISTRANT, "Acme"), Name(chatham.ORGANISATION, "ACME")]
    [group] = chatham.grouped(chatham.find(texts, names))
    assert group.kinds == [chatham.REGISTRANT, chatham.ORGANISATION]
    assert group.places == [("en", "context"), ("fr", "context")]


def test_unresolved_leaves_out_justified_names():
    findings = chatham.find(
        [("en", "context", "Rosa Díaz and Acme.")],
        [Name(chatham.SPEAKER, "Rosa Díaz"), Name(chatham.ORGANISATION, "Acme")],
    )
    assert [f.name for f in chatham.unresolved(findings, {"acme"})] == ["Rosa Díaz"]


# The check on a report.

PLANTED = (
    "ZOE MULLER-NUNEZ opened the talk. The delegation of cote d'ivoire and Amadou Diallo "
    "described recruitment fees."
)


@pytest.fixture
def planted(chatham_talk, people):
    speak(chatham_talk, "Zoë Müller-Ñúñez", organisation="Fair Work Institute")
    register(chatham_talk, "Amadou Diallo", member_state=country("CI"), status=Status.ATTENDED)
    register(chatham_talk, "Declined Person", member_state=country("ML"), status=Status.DECLINED)
    write(chatham_talk, people.member, context=PLANTED, next_steps="Somalia hosts the next one.")
    return chatham_talk


def names_refused(talk, by):
    with pytest.raises(NamesFound) as refused:
        report_publish(talk=talk, by=by)
    return {finding.name for finding in refused.value.findings}


def test_check_finds_planted_names_and_refuses_publication(planted, people):
    names = names_refused(planted, people.member)
    assert names == {"Zoë Müller-Ñúñez", "Côte d'Ivoire", "Amadou Diallo"}
    assert SummaryReport.objects.get(talk=planted).status == SummaryReport.Status.DRAFT


def test_check_finds_who_voiced_a_pledge_intention_and_for_whom(planted, people):
    from gcmtalks.intentions.models import Intention

    Intention.objects.create(talk=planted, speaker_name="Kwame Mensah", member_state=country("GH"),
                             text="A fund.")  # fmt: skip
    Intention.objects.create(talk=planted, organisation="Diaspora Link", text="Mentoring.")
    write(planted, people.member, context=PLANTED + " Kwame Mensah spoke for GHANA; Diaspora "
          "Link offered mentoring.", next_steps="")  # fmt: skip
    names = names_refused(planted, people.member)
    assert {"Kwame Mensah", "Ghana", "Diaspora Link"} <= names


def test_check_searches_only_member_states_that_took_part(planted, people):
    # Mali's registration was declined: Mali is not searched (and "Somalia" is not "Mali").
    report_text_save(
        talk=planted, language="fr", sections={"context": "Le Mali a écrit."}, by=people.member
    )
    assert "Mali" not in names_refused(planted, people.member)


def test_check_finds_organisations_of_speakers_and_registrants(chatham_talk, people):
    speak(chatham_talk, "Someone", organisation="Fair Work Institute")
    register(chatham_talk, "Somebody", organisation="Ministry of Labour of Ruritania")
    write(
        chatham_talk,
        people.member,
        context="The fair work institute and the MINISTRY OF LABOUR OF RURITANIA agreed.",
    )
    names = names_refused(chatham_talk, people.member)
    assert names == {"Fair Work Institute", "Ministry of Labour of Ruritania"}


def test_check_finds_names_in_agenda_titles(chatham_talk, people):
    AgendaItem.objects.create(
        talk=chatham_talk, kind="opening", title="Welcome by Zoe Muller-Nunez", minutes=10
    )
    speak(chatham_talk, "Zoë Müller-Ñúñez")
    write(chatham_talk, people.member)
    assert names_refused(chatham_talk, people.member) == {"Zoë Müller-Ñúñez"}


def test_check_passes_once_names_are_removed(planted, people):
    names_refused(planted, people.member)
    write(planted, people.member, context="A speaker opened the talk. A delegation spoke.")
    report = report_publish(talk=planted, by=people.member)
    assert report.status == SummaryReport.Status.PUBLISHED


def test_check_passes_with_justifications_which_are_audited(planted, people):
    for key in ("zoe muller-nunez", "cote d'ivoire", "amadou diallo"):
        report_justify(
            talk=planted, key=key, reason="Agreed in writing to be named.", by=people.member
        )
    report = report_publish(talk=planted, by=people.member)
    assert report.status == SummaryReport.Status.PUBLISHED
    entry = AuditEntry.objects.filter(action="report.justify", changes__name__1="Amadou Diallo")
    entry = entry.get()
    assert entry.actor == people.member
    assert entry.changes["reason"] == [None, "Agreed in writing to be named."]
    assert entry.changes["kind"] == [None, "registrant"]
    assert entry.object_id == str(report.pk)


def test_check_refuses_publication_while_one_name_is_unjustified(planted, people):
    report_justify(talk=planted, key="amadou diallo", reason="Agreed.", by=people.member)
    assert names_refused(planted, people.member) == {"Zoë Müller-Ñúñez", "Côte d'Ivoire"}


def test_check_runs_again_when_a_published_report_changes(planted, people):
    for key in ("zoe muller-nunez", "cote d'ivoire", "amadou diallo"):
        report_justify(talk=planted, key=key, reason="Agreed.", by=people.member)
    register(planted, "Rosa Díaz")
    report_publish(talk=planted, by=people.member)
    with pytest.raises(NamesFound):
        write(planted, people.member, context="ROSA DIAZ said more.")
    text = SummaryReport.objects.get(talk=planted).texts.get(language="en")
    assert text.context == PLANTED


def test_talk_not_under_the_rule_publishes_without_check(talk, people):
    speak(talk, "Zoë Müller-Ñúñez")
    write(talk, people.member, context="Zoë Müller-Ñúñez opened the talk.")
    report = report_publish(talk=talk, by=people.member)
    assert report.status == SummaryReport.Status.PUBLISHED
    assert AuditEntry.objects.filter(action="report.publish", actor=people.member).exists()
