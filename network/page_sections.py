"""The reference group's sections on the registry's pages (seslip/page_sections.py): a
practice model's conference sessions and resources, and an authority's group members
among its contacts (signed-in only, as contacts are)."""

from django.http import HttpRequest

from models_registry.models import LocalAuthority, PracticeModel
from network import permissions, selectors
from seslip import page_sections


def practice_model_section(
    practice_model: PracticeModel, request: HttpRequest | None
) -> dict | None:
    sessions = selectors.sessions_for_model(practice_model)
    resources = selectors.resources_for_model(practice_model)
    if not sessions and not resources:
        return None
    return {"model": practice_model, "sessions": sessions, "resources": resources}


def authority_members_section(
    authority: LocalAuthority, request: HttpRequest | None
) -> dict | None:
    user = getattr(request, "user", None)
    if not permissions.can_see_group(user):
        return None
    members = selectors.members_for_authority(authority)
    if not members:
        return None
    return {"authority": authority, "members": members}


def register() -> None:
    page_sections.register(
        "practice-model",
        template_name="network/includes/model_sessions_and_resources.html",
        context=practice_model_section,
    )
    page_sections.register(
        "authority-contacts",
        template_name="network/includes/authority_group_members.html",
        context=authority_members_section,
    )
