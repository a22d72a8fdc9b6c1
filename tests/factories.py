"""factory-boy factories shared by the whole suite, one section per app."""

import factory

from models_registry.models import LocalAuthority, PracticeModel

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
