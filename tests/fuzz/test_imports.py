"""Hypothesis against the pledge import, the one place a user's file is parsed: hostile CSV
text, damaged workbooks and raw bytes go through reading, column mapping and row checks. A
file is refused with a message, or every row gets a result (an error row says why); nothing
raises."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gcmtalks.pledges import imports

from .budget import count, examples
from .strategies import ODD_DATES, ODD_NUMBERS, text

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

HEADER = [str(label) for label, _aliases in imports.FIELDS.values()]
LIKELY = [
    "africa", "Europe; Asia", "23", "1, 5, 99", "objective 4", "individual", "policy, process",
    "https://example.org/p/1", "javascript:alert(1)", "Civil society", "KEN", "Kenya", "P-1",
]  # fmt: skip
cells = st.one_of(text, st.sampled_from(ODD_NUMBERS + ODD_DATES + LIKELY))


def as_csv(header, rows, delimiter) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


def aligned_row(n: int, hostile: dict) -> list[str]:
    """A valid row (an id and a title, the rest empty) with a few hostile cells."""
    good = {"external_id": f"P-{n}", "title": "Fair recruitment pledge"}
    return [hostile.get(key, good.get(key, "")) for key in imports.FIELDS]


csv_files = st.one_of(
    # The columns the import knows, rows valid but for a few hostile cells.
    st.builds(
        as_csv,
        st.just(HEADER),
        st.lists(
            st.dictionaries(st.sampled_from(list(imports.FIELDS)), cells, max_size=3), max_size=6
        ).map(lambda rows: [aligned_row(n, r) for n, r in enumerate(rows)]),
        st.sampled_from([",", ";", "\t"]),
    ),  # fmt: skip
    # Any header, any cells.
    st.builds(
        as_csv,
        st.one_of(st.permutations(HEADER), st.lists(st.one_of(st.sampled_from(HEADER), text))),
        st.lists(st.lists(cells, max_size=len(HEADER) + 2), max_size=6),
        st.sampled_from([",", ";", "\t"]),
    ),
)
files = st.one_of(
    csv_files,
    st.binary(max_size=600),
    st.binary(max_size=600).map(lambda b: b"PK\x03\x04" + b),
    st.binary(max_size=200).map(lambda b: b"Title\n" + b),
)


def test_an_uploaded_file_is_refused_with_a_message_or_checked_row_by_row(db):
    known = imports.Lookups.load()

    @settings(
        max_examples=examples(600),
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=files)
    def run(data):
        count()
        try:
            _kind, rows = imports.read_file(data)
        except imports.ImportRefused as refused:
            assert str(refused).strip()
            return
        mapping = imports.guess_mapping(rows[0])
        if imports.mapping_problems(mapping):
            return  # the page shows them and asks for the columns
        for row, result in imports.check_rows(rows, mapping, known):
            assert result in {"created", "updated", "unchanged", "error"}
            assert (result == "error") == bool(row.errors)

    run()
