"""Model fields and rules for figures as vague as their source: the kind and upper-end
columns each figure column has, the check constraints that keep a range whole, and the
same rule as form errors. Used by evidence.models."""

from django.db import models

from sources.values import FigureKind

# Figures as vague as their source (issue 18, "Vague stays vague"): each figure column has a
# kind (exact, range, lower bound, approximate) and, for a range, an upper end; the value
# column holds the exact figure, a range's lower end, a lower bound or the approximate
# figure. No midpoint is ever stored (sources/values.py, docs/evidence.md "Figures").


def figure_kind(label: str) -> models.CharField:
    return models.CharField(
        f"{label}: kind of figure",
        max_length=12,
        choices=FigureKind.choices,
        default=FigureKind.EXACT,
        help_text="Exact, a range ('18–19'), a lower bound ('over 200') or approximate.",
    )


def figure_upper(label: str, *, whole: bool = False) -> models.Field:
    help_text = "A range's upper end ('19' of '18–19'); empty for any other figure."
    if whole:
        return models.PositiveIntegerField(
            f"{label}: upper end", null=True, blank=True, help_text=help_text
        )
    return models.DecimalField(
        f"{label}: upper end",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=help_text,
    )


def figure_constraints(prefix: str, names: tuple[str, ...]) -> list[models.CheckConstraint]:
    """A range has an upper end not below its lower end; no other figure has one."""
    constraints = []
    for name in names:
        is_range = models.Q(**{f"{name}_kind": FigureKind.RANGE})
        constraints.append(
            models.CheckConstraint(
                name=f"{prefix}_{name}_range_has_an_upper_end",
                condition=(
                    is_range
                    & models.Q(**{f"{name}__isnull": False, f"{name}_upper__isnull": False})
                    & models.Q(**{f"{name}_upper__gte": models.F(name)})
                )
                | (~is_range & models.Q(**{f"{name}_upper__isnull": True})),
            )
        )
    return constraints


def figure_errors(row: models.Model, names: tuple[str, ...]) -> dict[str, str]:
    """The same rule as `figure_constraints`, as errors on the value field (the one every
    form that edits a figure shows), so a form answers with a field error, never a 500."""
    errors = {}
    for name in names:
        value, upper = getattr(row, name), getattr(row, f"{name}_upper")
        if getattr(row, f"{name}_kind") == FigureKind.RANGE:
            if value is None or upper is None:
                errors[name] = "A range needs both its lower and its upper end."
            elif upper < value:
                errors[name] = f"This figure is the range's lower end; its upper end is {upper}."
        elif upper is not None:
            errors[name] = "Only a range has an upper end."
    return errors
