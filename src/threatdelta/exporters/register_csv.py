"""`threatdelta export --format csv`: the register with each threat's status, for trackers
and spreadsheets.

Every cell is repository or register text, so a cell that a spreadsheet would read as a
formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with a
single quote: opening the export must never run anything (CSV/formula injection, CWE-1236).
"""

from __future__ import annotations

import csv
import io

from threatdelta.exporters.register_rows import RegisterRow, register_rows
from threatdelta.report import ScanReport

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """The cell as text a spreadsheet shows, never evaluates."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def render_register_csv(report: ScanReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = list(RegisterRow.model_fields)
    writer.writerow(names)
    for row in register_rows(report):
        values = row.model_dump(mode="json")
        writer.writerow([neutralised(str(values[name])) for name in names])
    return out.getvalue()
