from modeltranslation.translator import TranslationOptions, register

from .models import Organiser, Series, Talk


@register(Talk)
class TalkTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Series)
class SeriesTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Organiser)
class OrganiserTranslation(TranslationOptions):
    fields = ("name", "description")
