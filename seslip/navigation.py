"""The portal's primary navigation, shared by the page frame and its tests."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str
    section: str


PRIMARY_NAVIGATION: tuple[NavItem, ...] = (
    NavItem("Practice models", "/models/", "models"),
    NavItem("Local authorities", "/authorities/", "authorities"),
    NavItem("Evidence", "/evidence/", "evidence"),
    NavItem("KPIs", "/kpi/", "kpi"),
    NavItem("Reference group", "/network/", "network"),
    NavItem("API", "/api/", "api"),
)


def section_for_path(path: str) -> str | None:
    for item in PRIMARY_NAVIGATION:
        if path.startswith(item.path):
            return item.section
    return None
