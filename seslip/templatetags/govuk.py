"""The portal's GOV.UK components: one template-tag library for every page.

Each tag renders GOV.UK Frontend's own component macro (the Nunjucks-compatible copies in
govuk-frontend-jinja, which govuk-frontend-django installs), so the markup is the design
system's, never copied. The macros are rendered by one Jinja environment per process that
keeps its compiled templates (`components.environment()`): building one per render, as
govuk-frontend-django's `{% gds_component %}` does, recompiled the macros on every
component of every page (about 70% of the home page's time).

    {% load govuk %}
    {% govuk_component "back-link" text="Evidence map" href="/evidence/" %}
    {% govuk_error_summary form %}
    {% govuk_field form.email autocomplete="email" %}
    {% govuk_pagination page label="Report pages" %}
    {% govuk_breadcrumbs "kpi:home" "Family Safeguarding KPIs" %}

The filter panel beside a list is an include, `includes/filter_panel.html`, built of
these tags, and so are the messages a page was redirected with, `includes/messages.html`
(`message_banners`).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms, template
from django.contrib.messages.storage.base import Message
from django.core.paginator import Page
from django.forms import BoundField
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from seslip.components import render_component
from seslip.find_by_name import is_find_by_name, short_choices
from seslip.templatetags.choice_options import choice_options
from seslip.templatetags.find_by_name import find_by_name_input

register = template.Library()


@register.simple_tag
def govuk_component(name: str, **params: object) -> SafeString:
    """Any GOV.UK component by its name ("back-link", "panel", "warning-text", …) with the
    macro's parameters as keyword arguments."""
    return render_component(name, params)


def _component_for(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxSelectMultiple):  # before RadioSelect: a subclass
        return "checkboxes"
    if isinstance(widget, forms.PasswordInput):
        return "password-input"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


def _error_message(field: BoundField) -> dict | None:
    if not field.errors:
        return None
    return {"text": " ".join(str(error) for error in field.errors)}


def _hint(field: BoundField, hint: str | None) -> dict | None:
    help_text = field.help_text if hint is None else hint
    return {"text": str(help_text)} if help_text else None


def _invalid(field: BoundField) -> dict | None:
    """GOV.UK's macros point `aria-describedby` at the error message; `aria-invalid`
    tells assistive technology the value was refused."""
    return {"aria-invalid": "true"} if field.errors else None


@register.simple_tag
def govuk_field(
    field: BoundField,
    *,
    label_classes: str = "govuk-label--s",
    is_page_heading: bool = False,
    hint: str | None = None,
    autocomplete: str | None = None,
    classes: str | None = None,
    empty_label: str | None = None,
) -> SafeString:
    """One form or filter field as the matching GOV.UK component, with its label, hint and
    error. A select's options come from `choice_options` (one comparison an option, for
    lists of thousands); `empty_label` names its empty choice ("Any" in a filter)."""
    if is_find_by_name(field) and short_choices(field) is None:
        return find_by_name_input(field, label_classes=label_classes, hint=hint)
    widget = field.field.widget
    component = _component_for(widget)
    if component == "radios":
        return _radios(field, is_page_heading=is_page_heading, hint=hint)
    if component == "checkboxes":
        return _checkboxes(field, hint=hint)
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
        "hint": _hint(field, hint),
        "errorMessage": _error_message(field),
        "attributes": _invalid(field),
    }
    value = field.value()
    if component == "select":
        params["items"] = [
            {
                "value": option,
                "text": empty_label if option == "" and empty_label else str(label),
                "selected": selected,
            }
            for option, label, selected in choice_options(field)
        ]
    elif component == "input":
        params["value"] = "" if value is None else str(value)
        params["type"] = widget.attrs.get("type") or getattr(widget, "input_type", "text")
        if params["type"] == "email":
            params["spellcheck"] = False
    elif component == "textarea":
        params["value"] = "" if value is None else str(value)
    # A password is never sent back to the browser.
    return render_component(component, params)


def _radios(field: BoundField, *, is_page_heading: bool, hint: str | None) -> SafeString:
    """A RadioSelect as GOV.UK radios in a fieldset whose legend is the field's label; the
    first radio's id is the field's id, so the error summary links to it."""
    value = field.value()
    legend_classes = "govuk-fieldset__legend--l" if is_page_heading else "govuk-fieldset__legend--s"
    params: dict = {
        "idPrefix": field.auto_id,
        "name": field.html_name,
        "fieldset": {
            "legend": {
                "text": str(field.label),
                "isPageHeading": is_page_heading or None,
                "classes": legend_classes,
            }
        },
        "items": [
            {"value": str(choice), "text": str(label), "checked": str(choice) == str(value or "")}
            for choice, label in field.field.choices  # type: ignore[attr-defined]  # a choice field
            if str(choice) != ""
        ],
        "hint": _hint(field, hint),
        "errorMessage": _error_message(field),
    }
    return render_component("radios", params)


def _checkboxes(field: BoundField, *, hint: str | None) -> SafeString:
    """A multiple choice as GOV.UK checkboxes in a fieldset whose legend is the field's
    label; the options come from `choice_options`, and the first box's id is the field's."""
    params: dict = {
        "idPrefix": field.auto_id,
        "name": field.html_name,
        "classes": "govuk-checkboxes--small",
        "fieldset": {"legend": {"text": str(field.label), "classes": "govuk-fieldset__legend--s"}},
        "items": [
            {"value": value, "text": str(label), "checked": selected}
            for value, label, selected in choice_options(field)
            if value != ""
        ],
        "hint": _hint(field, hint),
        "errorMessage": _error_message(field),
    }
    return render_component("checkboxes", params)


def error_list(*forms_with_errors: forms.Form | None) -> list[dict]:
    """Every error of the bound forms, each linking to its field (non-field errors to the
    first field)."""
    errors = []
    for form in forms_with_errors:
        if form is None or not form.is_bound or not form.errors:
            continue
        for error in form.non_field_errors():
            first_field = next(iter(form.visible_fields()), None)
            href = f"#{first_field.id_for_label}" if first_field is not None else None
            errors.append({"text": str(error), "href": href})
        for bound_field in form.visible_fields():
            for error in bound_field.errors:
                # Radios have no one label target: link to the first radio (its id).
                anchor = bound_field.id_for_label or bound_field.auto_id
                errors.append({"text": str(error), "href": f"#{anchor}"})
    return errors


@register.simple_tag
def govuk_error_summary(*forms_with_errors: forms.Form | None) -> SafeString:
    """The error summary for one or more forms, linking each message to its field."""
    errors = error_list(*forms_with_errors)
    if not errors:
        return SafeString("")
    return render_component(
        "error-summary", {"titleText": "There is a problem", "errorList": errors}
    )


@register.simple_tag(takes_context=True)
def govuk_pagination(
    context: template.Context, page: Page, *, label: str = "Pages", query: QueryDict | None = None
) -> SafeString:
    """Numbered GOV.UK pagination for a Django page; every link keeps the request's query
    (filters, search words) with only `page` changed. Nothing for a single page."""
    if not page.has_other_pages():
        return SafeString("")
    request = context.get("request")
    base = (query if query is not None else request.GET if request else QueryDict()).copy()
    base.pop("page", None)

    def href(number: int) -> str:
        base["page"] = str(number)
        return f"?{base.urlencode()}"

    paginator = page.paginator
    items: list[dict] = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            items.append({"ellipsis": True})
            continue
        items.append(
            {
                "number": str(number),
                "href": href(int(number)),
                "current": number == page.number,
                "visuallyHiddenText": f"Page {number}",
            }
        )
    params: dict = {"items": items, "landmarkLabel": label}
    if page.has_previous():
        params["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": href(page.next_page_number())}
    return render_component("pagination", params)


@register.simple_tag
def govuk_breadcrumbs(*links: str) -> SafeString:
    """Breadcrumbs from (address, text) pairs; an address may be a URL name:

    {% govuk_breadcrumbs "kpi:home" "Family Safeguarding KPIs" submission_url "Submission 4" %}
    """
    if len(links) % 2:
        raise template.TemplateSyntaxError("govuk_breadcrumbs takes (address, text) pairs")
    items = [
        {"href": href if "/" in href else reverse(href), "text": str(text)}
        for href, text in zip(links[::2], links[1::2], strict=True)
    ]
    return render_component("breadcrumbs", {"items": items})


class _ProblemSummaryNode(template.Node):
    def __init__(self, title: template.base.FilterExpression, nodelist: template.NodeList):
        self.title = title
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        return render_component(
            "error-summary",
            {
                "titleText": str(self.title.resolve(context)),
                "descriptionHtml": SafeString(self.nodelist.render(context).strip()),
            },
        )


@register.tag
def govuk_problem_summary(parser: template.base.Parser, token: template.base.Token):
    """An error summary that explains a refused file or return in words rather than
    listing form fields:

        {% govuk_problem_summary "The file was rejected" %}<p>…</p>{% end_govuk_problem_summary %}
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument, the title")
    nodelist = parser.parse(("end_govuk_problem_summary",))
    parser.delete_first_token()
    return _ProblemSummaryNode(parser.compile_filter(bits[1]), nodelist)


@dataclass(frozen=True)
class MessageBanners:
    """A page's messages by the component GOV.UK gives each kind: errors in an error
    summary, successes in one success banner, everything else (info, warning) in one
    "Important" banner. One banner of each kind at most, as GOV.UK's notification banner
    guidance asks, so each banner's title id is unique on the page."""

    errors: list[dict]  # the error summary's errorList
    successes: SafeString  # the success banner's content
    notices: SafeString  # the "Important" banner's content

    @property
    def success_focus_off(self) -> bool | None:
        """The error summary takes the focus when both are shown."""
        return True if self.errors else None


def _banner_content(texts: list[str]) -> SafeString:
    return format_html_join(
        "", '<p class="govuk-notification-banner__heading">{}</p>', ((text,) for text in texts)
    )


@register.simple_tag
def message_banners(messages: Iterable[Message]) -> MessageBanners:
    """The request's messages (reading them marks them shown), grouped by level."""
    errors: list[dict] = []
    successes: list[str] = []
    notices: list[str] = []
    for message in messages:
        if message.level_tag == "error":
            errors.append({"text": str(message)})
        elif message.level_tag == "success":
            successes.append(str(message))
        else:
            notices.append(str(message))
    return MessageBanners(errors, _banner_content(successes), _banner_content(notices))
