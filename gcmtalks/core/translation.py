from modeltranslation.translator import TranslationOptions, register

from .models import Country, GuidingPrinciple, Language, Objective, Region, StakeholderGroup


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("title", "short_label")


@register(GuidingPrinciple)
class GuidingPrincipleTranslation(TranslationOptions):
    fields = ("label",)


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(Language)
class LanguageTranslation(TranslationOptions):
    fields = ("name",)


@register(StakeholderGroup)
class StakeholderGroupTranslation(TranslationOptions):
    fields = ("name",)
