"""What the regional team's pages show: answers as GOV.UK summary-list rows, and an
entry's saved values beside someone's answers when a save was too late."""

from dataclasses import dataclass

from django import forms
from django.db import models

from regional.forms import EntryForm

NOT_GIVEN = "Not given"


def _shown(value: object, field: forms.Field) -> str:
    """A cleaned or saved value as a person reads it."""
    if value is None or value == "":
        return NOT_GIVEN
    if isinstance(value, models.QuerySet | list | tuple | set):
        names = sorted(str(item) for item in value)
        return ", ".join(names) if names else "None"
    choices = getattr(field, "choices", None)
    if choices is not None and not isinstance(value, models.Model):
        labels = {str(key): str(label) for key, label in choices}
        return labels.get(str(value), str(value))
    return str(value)


def saved_value(entry: models.Model, name: str, field: forms.Field) -> str:
    """The value of `entry` (as saved) for the form field `name`."""
    value = getattr(entry, name)
    if isinstance(value, models.Manager):
        value = list(value.all())
    if name == "independent_of_model_owner":
        value = "" if value is None else ("yes" if value else "no")
    return _shown(value, field)


def answer(form: EntryForm, name: str) -> str:
    field = form.fields[name]
    value = form.cleaned_data.get(name)
    if name == "independent_of_model_owner":
        value = "" if value is None else ("yes" if value else "no")
    return _shown(value, field)


def answer_rows(form: EntryForm, change_url: str) -> list[dict]:
    """Check-your-answers rows (GOV.UK summary list), each with its Change link to the
    field on the question page; changed answers say so."""
    changed = set(form.changed_data)
    rows = []
    names = [*form.entry_fields, *(n for n in ("cite_source", "cite_locator") if n in form.fields)]
    for name in names:
        label = str(form.fields[name].label)
        text = answer(form, name)
        if name in changed and name in form.entry_fields and form.instance.pk is not None:
            text += " (changed)"
        rows.append(
            {
                "key": {"text": label},
                "value": {"text": text},
                "actions": {
                    "items": [
                        {
                            "href": f"{change_url}#{form[name].auto_id}",
                            "text": "Change",
                            "visuallyHiddenText": label.lower(),
                        }
                    ]
                },
            }
        )
    return rows


@dataclass(frozen=True)
class ConflictRow:
    label: str
    theirs: str
    yours: str

    @property
    def differs(self) -> bool:
        return self.theirs != self.yours


def conflict_rows(form: EntryForm, current: models.Model | None) -> list[ConflictRow]:
    """Every field: the entry as someone else saved it since, and this person's answer."""
    rows = []
    for name in form.entry_fields:
        field = form.fields[name]
        theirs = saved_value(current, name, field) if current is not None else "Deleted"
        rows.append(ConflictRow(str(field.label), theirs, answer(form, name)))
    return rows
