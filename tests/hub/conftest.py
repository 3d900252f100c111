"""A submitter, reviewers in a workstream, the secretariat, practices in each state, and
small files to attach to them."""

import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gcmtalks.core.models import Objective
from gcmtalks.hub import services
from gcmtalks.hub.models import Practice, PracticeDocument, Review
from gcmtalks.talks.models import Organiser, OrganiserMember
from tests.factories import OrganiserFactory, TalkFactory, TwoFactorFactory, UserFactory

# The Hub's review criteria as reviewers read them.
CRITERIA = (
    "Relates to at least one GCM objective",
    "Respects the guiding principles",
    "Mostly complete",
    "Innovative or replicable",
    "Implemented after December 2018",
)


def organiser_member(organiser, **user):
    person = TwoFactorFactory(**user)
    OrganiserMember.objects.create(organiser=organiser, user=person)
    return person


@pytest.fixture
def people(db):
    workstream = OrganiserFactory(slug="ws-labour", name="Labour migration")
    secretariat = OrganiserFactory(slug="secretariat", name="Secretariat",
                                   kind=Organiser.Kind.SECRETARIAT)  # fmt: skip
    return SimpleNamespace(
        workstream=workstream,
        submitter=UserFactory(email="amina@diaspora.example.org"),
        outsider=UserFactory(),
        un=organiser_member(workstream, username="un-reviewer"),
        first=organiser_member(workstream, username="first-reviewer"),
        second=organiser_member(workstream, username="second-reviewer"),
        third=organiser_member(workstream, username="third-reviewer"),
        member=organiser_member(workstream, username="not-assigned"),
        secretariat=organiser_member(secretariat, username="secretariat"),
    )


def practice_data(**extra):
    return {
        "title": "Fair recruitment corridors",
        "summary": "Zero recruitment fees for workers from Nepal to Qatar.",
        "description": "Employers pay the fees; a joint committee audits the recruiters.",
        "key_takeaway": "Fees paid by employers keep workers out of debt.",
        "objectives": ["6"], "principles": ["a"], "regions": [], "countries": ["NP", "QA"],
        "implementing_organisations": "ILO\nDiaspora Link", "stakeholder_groups": [],
        "period_start": "2019", "period_end": "2024", "languages": ["en"], "talks": [],
        "links-TOTAL_FORMS": "1", "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0", "links-MAX_NUM_FORMS": "10",
        "links-0-label": "Evaluation", "links-0-url": "https://example.org/evaluation",
        **extra,
    }  # fmt: skip


def make_practice(submitter, status=Practice.Status.DRAFT, objectives=(6,), **fields):
    fields = {"title": "A practice", "summary": "Summary", "description": "Description", **fields}
    practice = Practice.objects.create(submitter=submitter, status=status, **fields)
    practice.objectives.set(Objective.objects.filter(number__in=objectives))
    return practice


def assign(practice, reviewer, is_un=False, **fields):
    return Review.objects.create(practice=practice, reviewer=reviewer, is_un=is_un, **fields)


@pytest.fixture
def talk(db):
    return TalkFactory(slug="labour-talk", title="Labour mobility in Asia")


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def attach(practice, title="Evaluation report", name="evaluation.pdf", content=PDF):
    """A document added through the service, as the practice's submitter (while editable)."""
    upload = SimpleUploadedFile(name, content)
    document = services.document_add(
        practice=practice, by=practice.submitter, title=title, upload=upload
    )
    return PracticeDocument.objects.get(pk=document.pk)


def stored_files(media_root) -> list[str]:
    """Every file in storage, as paths relative to the media folder."""
    if not media_root.exists():
        return []
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content)  # reading a file answer to its end closes it
