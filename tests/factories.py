from datetime import UTC, datetime, timedelta
from functools import cache

import factory
from django.utils import timezone

from gcmtalks.accounts.models import Organisation, OrganisationMember, User
from gcmtalks.core.models import Language, Region
from gcmtalks.talks.models import Organiser, OrganiserMember, Series, Talk

PASSWORD = "a long pass phrase"


def password_hash() -> str:
    """PASSWORD hashed once per hasher (Argon2 takes 0.1 s a hash): every user made here
    shares it, and signing in with PASSWORD still checks it for real."""
    from django.conf import settings

    return hashed(PASSWORD, settings.PASSWORD_HASHERS[0])


@cache
def hashed(password: str, hasher: str) -> str:
    from django.contrib.auth.hashers import make_password

    return make_password(password)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.LazyFunction(password_hash)


TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # tests compute codes from it


def with_two_factors(user):
    """Turn on TOTP (allauth.mfa) for the user, as the set-up page would."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, TOTP_SECRET)
    return user


class TwoFactorFactory(UserFactory):
    """A user with TOTP turned on (`mfa=False` for one without)."""

    @factory.post_generation
    def mfa(user, create, extracted, **kwargs):
        if create and extracted is not False:
            with_two_factors(user)


class StaffFactory(TwoFactorFactory):
    is_staff = True
    is_superuser = True


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    slug = factory.Sequence(lambda n: f"series-{n}")
    title = factory.Sequence(lambda n: f"Series {n}")


class OrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organiser

    slug = factory.Sequence(lambda n: f"workstream-{n}")
    name = factory.Sequence(lambda n: f"Workstream {n}")
    kind = Organiser.Kind.WORKSTREAM


def in_days(days, hour=14):
    today = timezone.now().astimezone(UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
    return today + timedelta(days=days)


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talk
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"talk-{n}")
    title = factory.Sequence(lambda n: f"Talk number {n}")
    level = Talk.Level.GLOBAL
    status = Talk.Status.PUBLISHED
    format = Talk.Format.ONLINE
    start = factory.LazyFunction(lambda: in_days(10))
    end = factory.LazyAttribute(lambda t: t.start + timedelta(minutes=90))

    @factory.post_generation
    def languages(self, create, codes, **kwargs):
        if create and codes:
            self.interpretation_languages.set(Language.objects.filter(code__in=codes))

    @factory.post_generation
    def region_slugs(self, create, slugs, **kwargs):
        if create and slugs:
            self.regions.set(Region.objects.filter(slug__in=slugs))


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def bulk_talks(count, *, start=None):
    """Many published talks with every relation filled, fast (for query-count tests)."""
    start = start or in_days(5)
    series = SeriesFactory()
    organiser = OrganiserFactory()
    talks = Talk.objects.bulk_create(
        Talk(
            slug=f"bulk-{i}",
            title=f"Bulk talk {i}",
            title_en=f"Bulk talk {i}",
            level=Talk.Level.REGIONAL,
            status=Talk.Status.PUBLISHED,
            format=Talk.Format.ONLINE,
            series=series,
            start=start + timedelta(days=i % 400),
            end=start + timedelta(days=i % 400, minutes=90),
        )
        for i in range(count)
    )
    regions = list(Region.objects.all()[:2])
    languages = list(Language.objects.filter(code__in=["en", "fr", "ar"]))
    for field, objects in (
        ("regions", regions),
        ("interpretation_languages", languages),
        ("organisers", [organiser]),
    ):
        through = getattr(Talk, field).through
        target = getattr(Talk, field).field.m2m_reverse_field_name()
        through.objects.bulk_create(
            through(talk_id=talk.pk, **{f"{target}_id": obj.pk})
            for talk in talks
            for obj in objects
        )
    return talks


class OrganiserMemberFactory(factory.django.DjangoModelFactory):
    """A member (or, with role=lead, a lead) of an organiser, with two factors on."""

    class Meta:
        model = OrganiserMember

    organiser = factory.SubFactory(OrganiserFactory)
    user = factory.SubFactory(TwoFactorFactory)
    role = OrganiserMember.Role.MEMBER


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A partner organisation; `members=[user, …]` makes them its members."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    type = Organisation.Type.CIVIL_SOCIETY

    @factory.post_generation
    def members(self, create, users, **kwargs):
        if create and users:
            for user in users:
                OrganisationMemberFactory(organisation=self, user=user)


class OrganisationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMember

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
