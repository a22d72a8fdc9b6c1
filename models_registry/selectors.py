"""Reads for the registry's pages and API."""

from models_registry.models import LocalAuthority, PracticeModel


def region_at_a_glance() -> dict:
    return {
        "authority_count": LocalAuthority.objects.count(),
        "model_count": PracticeModel.objects.count(),
    }
