"""The region's local authorities, the practice models they use, and who to ask.

The facts come from the documents in the sources catalogue (sources/data/sources.toml) and
are loaded from models_registry/data/*.toml. Every entry carries its citations (document and
place in it, `sources.Citation`) and keeps its history (django-simple-history), which the
pages show.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from simple_history.models import HistoricalRecords

from models_registry.upkeep import (
    AuthorityStatement,
    ConfirmationReminder,
    RegistryDigest,
    RemovedCitation,
)
from sources.values import DatePrecision, PreciseDate


class SourcedModel(models.Model):
    """Every registry entry says where its facts come from: its citations, each a document
    of the sources catalogue and a place in it."""

    citations = GenericRelation("sources.Citation")
    statements = GenericRelation("models_registry.AuthorityStatement")
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking (issue 22): every change made through the portal's editing pages or
    # the API claims the version it was read at, so a stale change never overwrites a newer
    # one (seslip/locking.py).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class ConfirmedModel(models.Model):
    """An entry its authority confirms as still correct, once a period
    (`REGISTRY_CONFIRMATION_MONTHS`; models_registry/confirmations.py). Empty until the
    first confirmation: the loaded facts come from the documents, not from the authority."""

    last_confirmed = models.DateField(
        null=True, blank=True, help_text="When the authority last said this is still correct."
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who confirmed it (shown on pages as a role, never a name).",
    )

    class Meta:
        abstract = True


class LocalAuthority(SourcedModel, ConfirmedModel):
    class Kind(models.TextChoices):
        COUNTY = "county", "County council"
        UNITARY = "unitary", "Unitary authority"
        METROPOLITAN = "metropolitan", "Metropolitan borough"
        LONDON_BOROUGH = "london_borough", "London borough"
        OTHER = "other", "Other"

    class OfstedJudgement(models.TextChoices):
        OUTSTANDING = "outstanding", "Outstanding"
        GOOD = "good", "Good"
        REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
        INADEQUATE = "inadequate", "Inadequate"
        NOT_INSPECTED = "not_inspected", "Not yet inspected"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    gss_code = models.CharField(
        "ONS/GSS code", max_length=9, blank=True, help_text="e.g. E06000036 (Bracknell Forest)"
    )
    region = models.CharField(max_length=60, default="South East")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UNITARY)
    website = models.URLField(blank=True)
    ofsted_judgement = models.CharField(
        "Ofsted judgement", max_length=30, choices=OfstedJudgement.choices, blank=True
    )
    ofsted_date = models.DateField(
        "date of the Ofsted judgement", null=True, blank=True, help_text="First day of the period."
    )
    ofsted_date_precision = models.CharField(
        "precision of the Ofsted judgement's date",
        max_length=10,
        choices=DatePrecision.choices,
        blank=True,
        help_text="How precisely the source dates the judgement (a year, a month...).",
    )
    ofsted_when = models.CharField(
        "Ofsted judgement as at",
        max_length=80,
        blank=True,
        help_text="When the judgement was made or reported, as the source gives it "
        "(e.g. 'ILACS inspection, June 2019').",
    )
    context = models.TextField(blank=True, help_text="The authority's own context, in plain text.")

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"
        constraints = [
            models.CheckConstraint(
                name="ofsted_date_has_precision",
                condition=models.Q(ofsted_date__isnull=True, ofsted_date_precision="")
                | (models.Q(ofsted_date__isnull=False) & ~models.Q(ofsted_date_precision="")),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ofsted_dated(self) -> PreciseDate | None:
        return PreciseDate.from_fields(self.ofsted_date, self.ofsted_date_precision)


class Underpinning(SourcedModel):
    """A theoretical underpinning shared across models (motivational interviewing, systemic,
    restorative, solution-focused, attachment and trauma-informed, relationship-based...)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PracticeTool(SourcedModel):
    """A named practice tool (Three Houses, Fairy/Wizard, FSM workbook, DMM...)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """A children's service that can use a model: early help, front door, CIN, CP, CLA..."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(default=100, help_text="Order in lists.")
    # Not a SourcedModel (no citations), but edited on /regional/ with the same locking.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class PracticeModel(SourcedModel):
    class Kind(models.TextChoices):
        ESTABLISHED = "established", "Established"
        PROPRIETARY = "proprietary", "Proprietary"
        BESPOKE = "bespoke", "Bespoke"
        IN_DEVELOPMENT = "in_development", "In development"

    name = models.CharField(max_length=160, unique=True)
    short_name = models.CharField(max_length=20, blank=True)
    slug = models.SlugField(max_length=160, unique=True)
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text="Only where a source says so; empty when none does.",
    )
    overview = models.TextField(blank=True)
    developed_by = models.CharField(max_length=200, blank=True, help_text="Who developed it.")
    origin_place = models.CharField(max_length=120, blank=True, help_text="Where it started.")
    origin_period = models.CharField(max_length=60, blank=True, help_text="When, e.g. '1990s'.")
    builds_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="built_upon_by",
        help_text="The model this one builds on, if any.",
    )
    key_features = models.TextField(blank=True, help_text="One feature a line.")
    underpinnings = models.ManyToManyField(Underpinning, blank=True, related_name="practice_models")
    tools = models.ManyToManyField(PracticeTool, blank=True, related_name="practice_models")
    evaluation = models.TextField("How it is evaluated", blank=True)
    funding_and_costs = models.TextField(blank=True)
    drivers_and_challenges = models.TextField(blank=True)
    website = models.URLField(blank=True)
    table_position = models.PositiveSmallIntegerField(
        default=100, help_text="Order of the model's row in the regional table."
    )

    history = HistoricalRecords(m2m_fields=[underpinnings, tools])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def origin(self) -> str:
        place = "" if self.origin_place in self.developed_by else self.origin_place
        return ", ".join(part for part in (self.developed_by, place, self.origin_period) if part)

    @property
    def key_feature_list(self) -> list[str]:
        return [line.strip() for line in self.key_features.splitlines() if line.strip()]


class Adoption(SourcedModel):
    """One authority's use of one model (the Autumn 2019 table of Models of Social Work
    Practice and each model's 'Who uses the model?' section)."""

    class Role(models.TextChoices):
        ONLY_OR_PRIMARY = "only_or_primary", "Only or primary model"
        ALONGSIDE = "alongside", "Alongside other models"
        BUILDING_ON = "building_on", "Building on it"
        NOT_STATED = "not_stated", "Role not stated"

    class Status(models.TextChoices):
        IN_DEVELOPMENT = "in_development", "In development"
        IMPLEMENTING = "implementing", "Implementing"
        EMBEDDED = "embedded", "Embedded as business as usual"
        NOT_STATED = "not_stated", "Not stated"

    class FundingProgramme(models.TextChoices):
        INNOVATION_PROGRAMME = "innovation_programme", "DfE Innovation Programme"
        PARTNERS_IN_PRACTICE = "partners_in_practice", "DfE Partners in Practice"
        INNOVATION_AND_PIP = (
            "innovation_and_pip",
            "DfE Innovation Programme and Partners in Practice",
        )
        DFE_UNSPECIFIED = "dfe_unspecified", "DfE support (programme not stated)"

    class Survey(models.TextChoices):
        AUTUMN_2019 = "seslip_autumn_2019", "SESLIP call for evidence, Autumn 2019"

    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.CASCADE, related_name="adoptions"
    )
    practice_model = models.ForeignKey(
        PracticeModel, on_delete=models.CASCADE, related_name="adoptions"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STATED)
    year_started = models.PositiveSmallIntegerField(null=True, blank=True)
    year_relaunched = models.PositiveSmallIntegerField(null=True, blank=True)
    started_note = models.CharField(
        max_length=200, blank=True, help_text="More precise start, e.g. 'October 2017'."
    )
    services = models.ManyToManyField(Service, blank=True, related_name="adoptions")
    dfe_programme = models.CharField(
        "DfE funding programme", max_length=30, choices=FundingProgramme.choices, blank=True
    )
    dfe_amount = models.DecimalField(
        "DfE funding amount (£)", max_digits=12, decimal_places=0, null=True, blank=True
    )
    dfe_year = models.PositiveSmallIntegerField("DfE funding year", null=True, blank=True)
    survey = models.CharField(
        max_length=30,
        choices=Survey.choices,
        blank=True,
        help_text="The regional survey that reported this adoption, if any.",
    )
    as_at = models.DateField("as at", null=True, blank=True, help_text="First day of the period.")
    as_at_precision = models.CharField(max_length=10, choices=DatePrecision.choices, blank=True)
    notes = models.TextField(blank=True)

    history = HistoricalRecords(
        m2m_fields=[services], history_change_reason_field=models.TextField(null=True)
    )

    class Meta:
        ordering = ["practice_model__name", "local_authority__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "practice_model"], name="one_adoption_per_pair"
            ),
            models.CheckConstraint(
                name="relaunch_not_before_start",
                condition=models.Q(year_relaunched__isnull=True)
                | models.Q(year_started__isnull=True)
                | models.Q(year_relaunched__gte=models.F("year_started")),
            ),
            models.CheckConstraint(
                name="adoption_as_at_has_precision",
                condition=models.Q(as_at__isnull=True, as_at_precision="")
                | (models.Q(as_at__isnull=False) & ~models.Q(as_at_precision="")),
            ),
            models.CheckConstraint(
                name="dfe_amount_needs_programme",
                condition=models.Q(dfe_amount__isnull=True) | ~models.Q(dfe_programme=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.local_authority} - {self.practice_model} ({self.get_role_display()})"

    @property
    def as_at_dated(self) -> PreciseDate | None:
        return PreciseDate.from_fields(self.as_at, self.as_at_precision)

    @property
    def table_column(self) -> str:
        """Which column of the Autumn 2019 regional table this adoption sits in: the table has
        only two, so 'building on' (Kent, Signs of Safety) sits under 'alongside'."""
        return "primary" if self.role == self.Role.ONLY_OR_PRIMARY else "alongside"


class Contact(SourcedModel, ConfirmedModel):
    """A named person to ask about a model in an authority (Models of Social Work Practice
    §6). Personal data:
    shown only to signed-in users (models_registry.permissions.can_view_contacts)."""

    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.CASCADE, related_name="contacts"
    )
    practice_model = models.ForeignKey(
        PracticeModel, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["local_authority__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "practice_model", "name"], name="one_contact_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.local_authority})"


class Theme(SourcedModel):
    """A common feature or a shared challenge across the region's models (the reference
    group's overview, §2)."""

    class Kind(models.TextChoices):
        FEATURE = "feature", "Common feature"
        CHALLENGE = "challenge", "Shared challenge"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=160, unique=True)
    slug = models.SlugField(max_length=160, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=100)
    practice_models = models.ManyToManyField(PracticeModel, blank=True, related_name="themes")
    authorities = models.ManyToManyField(LocalAuthority, blank=True, related_name="themes")

    history = HistoricalRecords(m2m_fields=[practice_models, authorities])

    class Meta:
        ordering = ["kind", "position", "name"]

    def __str__(self) -> str:
        return self.name


__all__ = [
    "Adoption",
    "AuthorityStatement",
    "ConfirmationReminder",
    "Contact",
    "LocalAuthority",
    "PracticeModel",
    "PracticeTool",
    "RegistryDigest",
    "RemovedCitation",
    "Service",
    "Theme",
    "Underpinning",
]
