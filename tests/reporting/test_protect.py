"""The privacy rule of the figures: no cell shows 1 to 4 people, and none can be worked out
from the total by subtraction."""

from gcmtalks.reporting.tables import Table, protect, share

OTHER = "Other (smaller groups together)"


def table(rows, total=None, **kwargs):
    width = len(rows[0][1])
    return Table(
        key="t", title="T", columns=["Group", *[f"c{i}" for i in range(width)]],
        rows=rows, people=True, total=total, **kwargs,
    )  # fmt: skip


def test_a_cell_of_fewer_than_5_people_is_suppressed_and_zero_stays():
    result = protect(table([("a", [12]), ("b", [3]), ("c", [0]), ("d", [5])]))
    assert result.rows == [("a", [12]), ("b", [None]), ("c", [0]), ("d", [5])]
    assert result.suppressed


def test_with_a_total_the_next_smallest_cell_is_suppressed_too():
    result = protect(table([("a", [40]), ("b", [3]), ("c", [9]), ("d", [0])], total=[52]))
    # 52 - 40 - 9 would give b's 3 back: c (the next smallest, zero aside) goes too.
    assert result.rows == [("a", [40]), ("b", [None]), ("c", [None]), ("d", [0])]
    assert result.total == [52]


def test_two_suppressed_cells_need_no_secondary_suppression():
    result = protect(table([("a", [40]), ("b", [3]), ("c", [2]), ("d", [9])], total=[54]))
    assert result.rows == [("a", [40]), ("b", [None]), ("c", [None]), ("d", [9])]


def test_a_lone_suppressed_cell_among_zeros_suppresses_the_total():
    result = protect(table([("a", [0]), ("b", [3])], total=[3]))
    assert result.rows == [("a", [0]), ("b", [None])]
    assert result.total == [None]


def test_each_column_is_protected_on_its_own():
    result = protect(table([("a", [30, 20]), ("b", [10, 2]), ("c", [8, 6])], total=[48, 28]))
    assert result.rows == [("a", [30, 20]), ("b", [10, None]), ("c", [8, None])]
    assert result.total == [48, 28]


def test_small_rows_are_merged_where_rows_are_categories():
    result = protect(
        table(
            [("a", [30, 20]), ("b", [2, 1]), ("c", [4, 4]), ("d", [8, 6]), ("e", [0, 0])],
            total=[44, 31],
            merge=OTHER,
        )
    )
    assert result.rows == [("a", [30, 20]), ("d", [8, 6]), ("e", [0, 0]), (OTHER, [6, 5])]
    assert result.total == [44, 31]
    assert not result.suppressed


def test_a_merged_row_still_small_takes_in_the_smallest_row():
    result = protect(
        table([("a", [30, 20]), ("b", [2, 1]), ("d", [8, 6]), ("f", [9, 7])], merge=OTHER)
    )
    assert result.rows == [("a", [30, 20]), ("f", [9, 7]), (OTHER, [10, 7])]


def test_a_merged_row_that_stays_small_is_suppressed():
    result = protect(table([("a", [2, 1]), ("b", [1, 0])], total=[3, 1], merge=OTHER))
    assert result.rows == [(OTHER, [None, None])]
    assert result.total == [None, None]


def test_small_rows_join_an_existing_other_row():
    result = protect(table([("a", [30, 20]), ("b", [3, 3]), ("Others", [7, 5])], merge="Others"))
    assert result.rows == [("a", [30, 20]), ("Others", [10, 8])]


def test_only_the_columns_that_count_people_are_protected():
    result = protect(
        table([("en", [3, 40]), ("ky", [0, 2]), ("sw", [2, 9])], total=[4, 51],
              people_columns=(1,))
    )  # fmt: skip
    assert result.rows == [("en", [3, 40]), ("ky", [0, None]), ("sw", [2, None])]
    assert result.total == [4, 51]


def test_a_table_not_about_people_is_left_as_it_is():
    about_talks = Table(key="t", title="T", columns=["Level", "Talks"], rows=[("a", [2])])
    assert protect(about_talks) is about_talks


def test_a_percentage_of_fewer_than_5_people_is_not_given():
    assert share(2, 4) is None
    assert share(None, 40) is None
    assert share(3, None) is None
    assert share(10, 40) == 25.0
    assert share(0, 5) == 0.0
    assert share(1, 3) is None
