"""Hostile form values: unicode, control characters, NUL bytes, emoji, right-to-left text,
very long strings, odd numbers and dates, missing fields and fields no form has."""

from hypothesis import strategies as st

from .html_forms import Field

MISSING = object()

ODD_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n\t\x0b\x0c",
    "\u202ereversed\u202c",
    "مرحبا بالعالم",
    "שלום",
    "🙂🇺🇳👩🏽‍🚀",
    "\ufeff\u200b\u200d",
    "\ud7ff\ue000\uffff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s %(x)s {0} {{x}}",
    "../../etc/passwd",
    "x" * 5_000,
    "é" * 20_000,
]
ODD_NUMBERS = [
    "-1", "0", "1e309", "NaN", "inf", "-0", "1.5", "99999999999999999999999", "0x10", "٣", "²",
    "2147483648", "-9223372036854775809",
]  # fmt: skip
ODD_DATES = [
    "2024-02-30", "0000-00-00", "0001-01-01", "9999-12-31", "10000-01-01", "2024-13-01",
    "2024-01-01T25:61", "2024-03-31T02:30", "2024-10-27T02:30", "1970-01-01T00:00:00Z",
    "2024-06-01 12:00+14:00", "24:00", "-1", "yesterday",
]  # fmt: skip

text = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.text(max_size=60),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=3), st.integers(1, 1000)),
)
numbers = st.one_of(
    st.sampled_from(ODD_NUMBERS),
    st.integers(-(2**70), 2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
dates = st.one_of(
    st.sampled_from(ODD_DATES),
    st.datetimes().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M")),
    st.dates().map(str),
)
emails = st.one_of(
    st.emails().map(str),
    st.sampled_from(["a@b", "@", "a@@b.org", "x" * 300 + "@example.org", "a@example.org\x00"]),
)


def value_for(field: Field):
    """One field's value: mostly what the page offers or a plausible value, else anything."""
    if field.options:
        offered = st.sampled_from(field.options)
        if field.multiple:
            return st.lists(st.one_of(offered, text, numbers), max_size=4)
        return st.one_of(offered, offered, text, numbers)
    plausible = {
        "email": emails,
        "number": numbers,
        "date": dates,
        "datetime-local": dates,
        "time": st.one_of(st.sampled_from(["00:00", "23:59", "24:00", "12:60"]), text),
        "url": st.one_of(st.just("https://example.org/x"), st.just("javascript:alert(1)"), text),
        "hidden": st.just(field.value),
    }.get(field.kind)
    if plausible is None:
        return text
    return st.one_of(plausible, plausible, text, numbers, dates)


def form_data(fields: dict[str, Field], keep: dict | None = None):
    """A whole post: every field present or missing, and sometimes fields no form has."""
    keep = keep or {}
    per_field = {
        name: st.one_of(st.just(MISSING), value_for(field), value_for(field))
        for name, field in fields.items()
        if name not in keep
    }
    extra = st.dictionaries(st.text(min_size=1, max_size=20), text, max_size=3)

    def combine(values, more):
        data = {k: v for k, v in values.items() if v is not MISSING}
        return {**more, **data, **keep}

    return st.builds(combine, st.fixed_dictionaries(per_field), extra)
