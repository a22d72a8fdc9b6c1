"""factory-boy factories shared by the whole suite, one section per app."""

import factory

from models_registry.models import (
    Adoption,
    Contact,
    LocalAuthority,
    PracticeModel,
    PracticeTool,
    Service,
    Theme,
    Underpinning,
)

# --- models_registry ---------------------------------------------------------------------


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Authority {n}")
    slug = factory.Sequence(lambda n: f"authority-{n}")
    gss_code = factory.Sequence(lambda n: f"E06{n:06d}")
    kind = LocalAuthority.Kind.UNITARY


class PracticeModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeModel
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Practice model {n}")
    slug = factory.Sequence(lambda n: f"practice-model-{n}")
    kind = PracticeModel.Kind.ESTABLISHED


class UnderpinningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Underpinning
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Underpinning {n}")
    slug = factory.Sequence(lambda n: f"underpinning-{n}")


class PracticeToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeTool
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tool {n}")
    slug = factory.Sequence(lambda n: f"tool-{n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    practice_model = factory.SubFactory(PracticeModelFactory)
    role = Adoption.Role.ONLY_OR_PRIMARY
    status = Adoption.Status.IMPLEMENTING
    year_started = 2018


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    practice_model = factory.SubFactory(PracticeModelFactory)
    name = factory.Sequence(lambda n: f"Contact Person {n}")
    role = "Principal Social Worker"
    email = factory.Sequence(lambda n: f"contact{n}@authority.example.org")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    kind = Theme.Kind.FEATURE
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    description = "A theme"


# --- sources -----------------------------------------------------------------------------


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "sources.Source"
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"document-{n}")
    title = factory.Sequence(lambda n: f"A report on practice {n}")
    kind = "authority_report"
    producer = "An authority"


# --- accounts ----------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-in member by default; pass role= and authority= for the other roles."""

    class Meta:
        model = "accounts.User"
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    role = "member"
    password = factory.django.Password("correct horse battery staple")


class AccessLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.AccessLog"

    user = factory.SubFactory(UserFactory)
    user_email = factory.SelfAttribute("user.email")
    action = "view_records"
    target = factory.Sequence(lambda n: f"/kpi/submissions/{n}/")
    ip_address = "192.0.2.10"


# --- evidence ----------------------------------------------------------------------------


class OutcomeDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "evidence.OutcomeDomain"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Outcome {n}")
    short_name = factory.Sequence(lambda n: f"Outcome {n}")
    slug = factory.Sequence(lambda n: f"outcome-{n}")
    group = "children_families"
    position = factory.Sequence(lambda n: n)


class EvaluationFactory(factory.django.DjangoModelFactory):
    """An independent before-and-after evaluation rated 'preliminary' by default."""

    class Meta:
        model = "evidence.Evaluation"
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"evaluation-{n}")
    title = factory.Sequence(lambda n: f"Evaluation {n}")
    evaluator = "An evaluator"
    year = 2017
    kind = "independent"
    design = "before_after"
    summary = "What the evaluation did."
    source_document = "seslip-models-of-social-work-practice-2020"
    source_section = "§1.3"
    sms_level = 2
    strength = "preliminary"
    strength_reason = "Before-and-after without a comparison group."

    class Params:
        self_reported = factory.Trait(
            kind="self_reported", design="monitoring", sms_level=None, strength="not_rated"
        )


class FindingFactory(factory.django.DjangoModelFactory):
    """A published finding; pass status='draft' for a proposal."""

    class Meta:
        model = "evidence.Finding"
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"finding-{n}")
    evaluation = factory.SubFactory(EvaluationFactory)
    practice_model = factory.SubFactory(PracticeModelFactory)
    outcome_domain = factory.SubFactory(OutcomeDomainFactory)
    statement = factory.Sequence(lambda n: f"Statement {n}")
    measure = "A measure"
    direction = "improved"
    source_section = "§1.3"
    status = "published"
