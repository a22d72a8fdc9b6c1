"""What the portal knows of one measure: one dataclass for every measure, computed from
records or returned as a figure."""

from dataclasses import dataclass

from django.db import models


class Kind(models.TextChoices):
    COUNT = "count", "Count"
    TOTAL = "total", "Total"
    MEAN = "mean", "Mean"
    PERCENTAGE = "percentage", "Percentage"
    MONEY = "money", "Money (£)"


class Source(models.TextChoices):
    RECORDS = "records", "Computed from record-level submissions"
    RETURNED = "returned", "Returned as a figure per quarter"


UNITS = {Kind.PERCENTAGE: "%", Kind.MONEY: "£"}
WITH_DECIMALS = (Kind.MEAN, Kind.PERCENTAGE, Kind.MONEY)


@dataclass(frozen=True)
class MeasureDefinition:
    """One measure: `key` (as stored in values and filtered by in the API), the toolkit
    indicator it belongs to, its plain-English label, its kind, where it comes from and how
    it is computed: a computed measure shows the quantity `numerator` (divided by
    `denominator` for a mean or percentage; kpi/indicators/ computes the quantities); a
    returned one is the figure the authority gives, protected by the count of people
    `people_label` names (percentages and means; a count protects itself)."""

    key: str
    indicator: int
    label: str
    kind: Kind
    source: Source
    numerator: str = ""
    denominator: str | None = None
    people_label: str = ""

    @property
    def precision(self) -> int:
        """Decimal places shown on pages and charts."""
        return 1 if self.kind in WITH_DECIMALS else 0

    @property
    def unit(self) -> str:
        return UNITS.get(self.kind, "")

    @property
    def quantities(self) -> tuple[str, ...]:
        """The quantities a computed measure shows (disclosure control rests on them)."""
        if self.denominator is None:
            return (self.numerator,)
        return (self.numerator, self.denominator)

    @property
    def asks_for_people(self) -> bool:
        """Returned percentages and means say how many people they rest on."""
        return bool(self.people_label)
