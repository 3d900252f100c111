"""The shape every figure takes: a table that the statistics page shows (with its chart), the
exports write and the reporting packs print. Figures about people are protected before they
leave figures.py, so no page or file can show a cell for fewer than MIN_GROUP people."""

from dataclasses import dataclass, field, replace

from gcmtalks.reports.figures import MIN_GROUP

__all__ = ["MIN_GROUP", "Table", "Headline", "protect", "share", "hidden"]

# A value is an int or a float, or None for a cell suppressed for privacy.
Value = int | float | None


@dataclass
class Table:
    key: str  # stable and URL-safe, e.g. "talks-by-status": anchors, export names, sheets
    title: str  # translated; the caption and the sheet's title
    columns: list[str]  # translated headers; the first is the header of the row labels
    rows: list[tuple[str, list[Value]]]  # (row label, one value per other column)
    people: bool = False  # the values count people (so small cells were suppressed)
    chart: str = "bar"  # "bar" (first value column), "stacked" (all value columns) or ""
    unit: str = ""  # "", "%" or "days"
    note: str = ""  # translated; e.g. how the figure is counted
    total: list[Value] | None = field(default=None)  # a last "Total" row, when it makes sense
    # The label of the row that small rows are merged into (rows are categories, e.g. "Other
    # (smaller groups together)"); "" when small cells are suppressed one by one instead.
    merge: str = ""
    # Which value columns count people (0 is the first value column); None: all of them when
    # `people`. The others (e.g. talks offering a language) are never suppressed.
    people_columns: tuple[int, ...] | None = None

    @property
    def suppressed(self) -> bool:
        """Whether a cell was left out for privacy (the page then explains "fewer than 5")."""
        cells = [value for _label, values in self.rows for value in values]
        return any(value is None for value in cells + list(self.total or []))


@dataclass
class Headline:
    key: str
    label: str  # translated
    value: Value


def hidden(value: Value) -> bool:
    """A count of 1 to MIN_GROUP - 1 people: never shown. Zero is shown."""
    return value is not None and 0 < value < MIN_GROUP


def share(part: Value, whole: Value) -> float | None:
    """`part` as a percentage of `whole`, one decimal; None when either was suppressed or the
    whole is fewer than MIN_GROUP people."""
    if part is None or whole is None or whole < MIN_GROUP:
        return None
    return round(100 * part / whole, 1)


def protect(table: Table) -> Table:
    """The table as it may be shown: no cell counts 1 to 4 people.

    Where rows are categories (`merge` set), the rows with a small cell are merged into the
    `merge` row, which takes in the next smallest row while it is still small. Then every
    cell (and total) of 1 to 4 people becomes None, and where a column has a total and only
    one suppressed cell, which the total would give back by subtraction, the next smallest
    cell is suppressed too (or the total, when every other cell is zero). Percentage tables
    are made from protected counts (`share`), so they are returned as they are."""
    if not table.people or table.unit == "%":
        return table
    width = len(table.columns) - 1
    columns = table.people_columns if table.people_columns is not None else range(width)
    rows = [(label, list(values)) for label, values in table.rows]
    if table.merge:
        rows = _merged(rows, table.merge, columns)
    total = list(table.total) if table.total is not None else None
    for values in [values for _label, values in rows] + ([total] if total else []):
        for column in columns:
            if hidden(values[column]):
                values[column] = None
    if total is not None:
        for column in columns:
            _suppress_second(rows, total, column)
    return replace(table, rows=[(label, values) for label, values in rows], total=total)


def _merged(rows, other: str, columns) -> list[tuple[str, list[Value]]]:
    def small(values):
        return any(hidden(values[column]) for column in columns)

    pool = [row for row in rows if row[0] == other or small(row[1])]
    if not pool:
        return rows
    kept = [row for row in rows if row[0] != other and not small(row[1])]
    merged = [sum(values[index] for _label, values in pool) for index in range(len(rows[0][1]))]
    while small(merged) and kept:
        smallest = min(
            reversed(range(len(kept))),
            key=lambda index: sum(kept[index][1][column] for column in columns),
        )
        _label, values = kept.pop(smallest)
        merged = [a + b for a, b in zip(merged, values, strict=True)]
    return [*kept, (other, merged)]


def _suppress_second(rows, total, column) -> None:
    if total[column] is None:
        return  # the total is itself under MIN_GROUP: so is every cell
    cells = [values for _label, values in rows]
    if sum(values[column] is None for values in cells) != 1:
        return
    shown = [values for values in cells if values[column]]
    if shown:
        min(shown, key=lambda values: values[column])[column] = None
    else:
        total[column] = None
