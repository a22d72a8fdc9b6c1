"""What the editing pages show: a section's answers in words, old beside new."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models

from models_registry.editing.sections import Section
from models_registry.editing.services import field_label
from models_registry.presenters import money
from sources.values import PreciseDate

NOT_STATED = "Not stated"


def value_text(model: type[models.Model], name: str, value: Any) -> str:
    """A field's value as a reader would write it: a choice's label, a list of names,
    money in pounds, 'Not stated' when empty."""
    model_field = model._meta.get_field(name)
    if model_field.many_to_many:
        names = [str(item) for item in value] if value is not None else []
        return ", ".join(names) or NOT_STATED
    if value in (None, ""):
        return NOT_STATED
    choices = dict(getattr(model_field, "choices", None) or ())
    if value in choices:
        return str(choices[value])
    if isinstance(value, Decimal):
        return money(value)
    return str(value)


def row_value(row: models.Model, name: str) -> Any:
    if row._meta.get_field(name).many_to_many:
        return list(getattr(row, name).all())
    precision = getattr(row, f"{name}_precision", None)
    if precision is not None:
        return PreciseDate.from_fields(getattr(row, name), precision)
    return getattr(row, name)


@dataclass
class Answer:
    name: str
    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def answers(section: Section, row: models.Model, changes: dict[str, Any]) -> list[Answer]:
    """Each field of the section: as `row` has it, and as `changes` would make it."""
    return [
        Answer(
            name=name,
            label=field_label(section.model, name),
            before=value_text(section.model, name, row_value(row, name)),
            after=value_text(section.model, name, changes[name]),
        )
        for name in section.fields
    ]


def summary_rows(section: Section, row: models.Model) -> list[dict]:
    """GOV.UK summary-list rows for one section of the entry."""
    return [
        {
            "key": {"text": field_label(section.model, name)},
            "value": {"text": value_text(section.model, name, row_value(row, name))},
        }
        for name in section.fields
    ]


def change_action(href: str, what: str) -> dict:
    return {"href": href, "text": "Change", "visuallyHiddenText": what}


@dataclass
class Card:
    """A GOV.UK summary card: the summary-list macro's `rows` and `card` parameters."""

    rows: list[dict]
    card: dict


def card(
    title: str, rows: list[dict], *, change_href: str, change_what: str, remove_href: str = ""
) -> Card:
    """A card with a Change link, and a Remove link when `remove_href` is given. GOV.UK
    Frontend ends every action in a card with the card's title, hidden, so `change_what` must
    not repeat the title ("Change how it is used (Family Safeguarding Model)")."""
    actions = [change_action(change_href, change_what)]
    if remove_href:
        actions.append({"href": remove_href, "text": "Remove"})
    return Card(
        rows=rows,
        card={"title": {"text": title, "headingLevel": 3}, "actions": {"items": actions}},
    )
