"""Calendar quarters as the KPI returns name them: `YYYY-Qn` (kpi-spec §1)."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

_QUARTER = re.compile(r"^\s*(\d{4})-?Q([1-4])\s*$", re.IGNORECASE)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """`2017-Q4` (or `2017Q4`, any case); ValueError with a plain message otherwise."""
        match = _QUARTER.match(text or "")
        if not match:
            raise ValueError(f"'{text}' is not a quarter: write it as YYYY-Qn, e.g. 2018-Q1.")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def start(self) -> date:
        """qs: the quarter's first day."""
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """qe: the quarter's last day (inclusive)."""
        return self.next().start - timedelta(days=1)

    def next(self) -> "Quarter":
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    @property
    def label(self) -> str:
        """How pages show it: 'Oct–Dec 2017' (an en dash, as the spec writes it)."""
        first = 3 * self.number - 3
        return f"{_MONTHS[first]}–{_MONTHS[first + 2]} {self.year}"

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"
