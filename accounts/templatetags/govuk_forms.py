"""Render Django form fields and errors with GOV.UK Frontend's own component macros.

govuk-frontend-django's `gds_field_component` is not implemented yet, so these tags build
the macro parameters from a bound field and render the vendored Nunjucks-compatible
macros (govuk-frontend-jinja) — the real component markup, never copied markup.

    {% load govuk_forms %}
    {% govuk_error_summary form %}
    {% govuk_field form.username autocomplete="email" %}
"""

from django import forms, template
from django.forms import BoundField
from django.utils.safestring import SafeString
from govuk_frontend_django.components.base import GovUKComponent

register = template.Library()

_MACROS = {
    "input": ("govuk_frontend_jinja/components/input/macro.html", "govukInput"),
    "password-input": (
        "govuk_frontend_jinja/components/password-input/macro.html",
        "govukPasswordInput",
    ),
    "select": ("govuk_frontend_jinja/components/select/macro.html", "govukSelect"),
    "textarea": ("govuk_frontend_jinja/components/textarea/macro.html", "govukTextarea"),
    "radios": ("govuk_frontend_jinja/components/radios/macro.html", "govukRadios"),
    "error-summary": (
        "govuk_frontend_jinja/components/error-summary/macro.html",
        "govukErrorSummary",
    ),
}


def render_component(name: str, params: dict) -> SafeString:
    jinja_template, macro = _MACROS[name]
    component = GovUKComponent()
    component.set_jinja2_template(jinja_template)
    component.set_macro_name(macro)
    return component.render(component_data=params)


def _component_for(widget: forms.Widget) -> str:
    if isinstance(widget, forms.PasswordInput):
        return "password-input"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


@register.simple_tag
def govuk_field(
    field: BoundField,
    *,
    label_classes: str = "govuk-label--s",
    is_page_heading: bool = False,
    hint: str | None = None,
    autocomplete: str | None = None,
    classes: str | None = None,
) -> SafeString:
    """One form field as the matching GOV.UK component, with its label, hint and error."""
    widget = field.field.widget
    component = _component_for(widget)
    if component == "radios":
        return _radios(field, is_page_heading=is_page_heading, hint=hint)
    params: dict = {
        "id": field.id_for_label,
        "name": field.html_name,
        "label": {
            "text": str(field.label),
            "classes": label_classes,
            "isPageHeading": is_page_heading or None,
        },
        "classes": classes,
        "autocomplete": autocomplete or widget.attrs.get("autocomplete"),
    }
    help_text = field.help_text if hint is None else hint
    if help_text:
        params["hint"] = {"text": str(help_text)}
    if field.errors:
        params["errorMessage"] = {"text": " ".join(str(error) for error in field.errors)}
    value = field.value()
    if component == "select":
        params["items"] = [
            {
                "value": str(choice_value),
                "text": str(label),
                "selected": str(choice_value) == str(value or ""),
            }
            for choice_value, label in field.field.choices
        ]
    elif component == "password-input":
        pass  # a password is never sent back to the browser
    else:
        params["value"] = "" if value is None else str(value)
        if component == "input":
            params["type"] = widget.attrs.get("type") or getattr(widget, "input_type", "text")
            if params["type"] == "email":
                params["spellcheck"] = False
    return render_component(component, params)


def _radios(field: BoundField, *, is_page_heading: bool, hint: str | None) -> SafeString:
    """A RadioSelect as GOV.UK radios in a fieldset whose legend is the field's label; the
    first radio's id is the field's id, so the error summary links to it."""
    value = field.value()
    params: dict = {
        "idPrefix": field.auto_id,
        "name": field.html_name,
        "fieldset": {
            "legend": {
                "text": str(field.label),
                "isPageHeading": is_page_heading or None,
                "classes": "govuk-fieldset__legend--l"
                if is_page_heading
                else "govuk-fieldset__legend--s",
            }
        },
        "items": [
            {"value": str(choice), "text": str(label), "checked": str(choice) == str(value or "")}
            for choice, label in field.field.choices
            if str(choice) != ""
        ],
    }
    help_text = field.help_text if hint is None else hint
    if help_text:
        params["hint"] = {"text": str(help_text)}
    if field.errors:
        params["errorMessage"] = {"text": " ".join(str(error) for error in field.errors)}
    return render_component("radios", params)


@register.simple_tag
def govuk_error_summary(*forms_with_errors: forms.Form) -> SafeString:
    """The error summary for one or more forms, linking each message to its field."""
    error_list = []
    for form in forms_with_errors:
        if form is None or not form.is_bound or not form.errors:
            continue
        for error in form.non_field_errors():
            first_field = next(iter(form.visible_fields()), None)
            href = f"#{first_field.id_for_label}" if first_field is not None else None
            error_list.append({"text": str(error), "href": href})
        for bound_field in form.visible_fields():
            for error in bound_field.errors:
                # Radios have no one label target: link to the first radio (its id).
                anchor = bound_field.id_for_label or bound_field.auto_id
                error_list.append({"text": str(error), "href": f"#{anchor}"})
    if not error_list:
        return SafeString("")
    return render_component(
        "error-summary", {"titleText": "There is a problem", "errorList": error_list}
    )
