"""Figures in templates: a value as printed ("1,204", "42.5 %", "fewer than 5") and a
table's chart."""

from django import template

from .. import charts

register = template.Library()


@register.filter
def figure(value, unit=""):
    return charts.shown(value, unit)


@register.simple_tag
def chart(table):
    return charts.chart(table)
