"""What each editable section of an authority's entry holds: the row it edits, its fields
and the words its pages use. The pages' forms (forms.py) and the API's serializers (api.py)
edit the same fields."""

from dataclasses import dataclass

from django.db import models

from models_registry.models import Adoption, Contact, LocalAuthority


@dataclass(frozen=True)
class Section:
    key: str
    #: The question page's heading ("Change the models used: Family Safeguarding").
    title: str
    model: type[models.Model]
    fields: tuple[str, ...]
    #: Whether the row is the authority itself (else an adoption or contact of it).
    is_authority: bool = False


OVERVIEW = Section(
    key="overview",
    title="Overview",
    model=LocalAuthority,
    fields=("context", "website"),
    is_authority=True,
)
#: The authority's latest Ofsted judgement and when it was made. `ofsted_date` is a date
#: as precise as the person knows it (editing/dates.py), saved with its precision.
OFSTED = Section(
    key="ofsted",
    title="Ofsted inspection",
    model=LocalAuthority,
    fields=("ofsted_judgement", "ofsted_date", "ofsted_when"),
    is_authority=True,
)
MODEL = Section(
    key="model",
    title="Model used",
    model=Adoption,
    fields=(
        "role",
        "status",
        "year_started",
        "year_relaunched",
        "started_note",
        "services",
        "dfe_programme",
        "dfe_amount",
        "dfe_year",
    ),
)
NOTES = Section(key="notes", title="Notes", model=Adoption, fields=("notes",))
CONTACT = Section(key="contact", title="Contact", model=Contact, fields=("name", "role", "email"))

SECTIONS: dict[str, Section] = {s.key: s for s in (OVERVIEW, OFSTED, MODEL, NOTES, CONTACT)}
