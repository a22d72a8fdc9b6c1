"""Render a GOV.UK Frontend component macro: one Jinja environment for the process.

The macros are govuk-frontend-jinja's (installed with govuk-frontend-django), the
Nunjucks-compatible copies of GOV.UK Frontend's own components. The environment keeps
every compiled template for the life of the process, so a page with twenty components
compiles each macro once, not twenty times. The template tags in
seslip/templatetags/govuk.py are the way pages use it.
"""

from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape

MACRO_TEMPLATE = (
    "{%- from 'govuk_frontend_jinja/components/NAME/macro.html' import MACRO -%}{{ MACRO(data) }}"
)


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=ChoiceLoader(
            [PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
        ),
        autoescape=select_autoescape(default_for_string=True),
        cache_size=400,
    )


def macro_name(component: str) -> str:
    """ "warning-text" -> "govukWarningText"."""
    return "govuk" + "".join(part.capitalize() for part in component.split("-"))


@lru_cache(maxsize=64)
def _template(component: str):
    source = MACRO_TEMPLATE.replace("NAME", component).replace("MACRO", macro_name(component))
    return environment().from_string(source)


def without_none(data: object) -> object:
    """The parameters with every None left out, at any depth: a macro tests whether a key
    is there, not whether it is None."""
    if isinstance(data, dict):
        return {key: without_none(value) for key, value in data.items() if value is not None}
    if isinstance(data, list | tuple):
        return [without_none(item) for item in data]
    return data


def render_component(component: str, params: dict) -> SafeString:
    """The component's HTML for `params` (the macro's documented parameters)."""
    html = _template(component).render(data=without_none(params))
    return mark_safe(html)  # noqa: S308 - the macro escapes every value it is given
