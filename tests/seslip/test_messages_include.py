"""The one messages include (`templates/includes/messages.html`): each level as the
component GOV.UK gives it, one banner of each kind, every id on the page once."""

import re
from collections import Counter

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string


def render(*messages: Message) -> str:
    return render_to_string("includes/messages.html", {"messages": list(messages)})


def kind_of(html: str) -> str:
    """What a person sees: an error summary, a success banner or an "Important" one."""
    if "govuk-error-summary" in html:
        return "error summary"
    title = re.search(r'class="govuk-notification-banner__title"[^>]*>\s*(\w+)', html)
    role = re.search(r'class="govuk-notification-banner[^"]*" role="(\w+)"', html)
    assert title and role, html
    return f"{title.group(1)} banner, role {role.group(1)}"


@pytest.mark.parametrize(
    ("level", "kind"),
    [
        (constants.SUCCESS, "Success banner, role alert"),
        (constants.ERROR, "error summary"),
        (constants.INFO, "Important banner, role region"),
        (constants.WARNING, "Important banner, role region"),
        (constants.DEBUG, "Important banner, role region"),
    ],
)
def test_each_level_is_shown_as_its_kind_of_banner(level, kind):
    html = render(Message(level, "Nothing waiting to be saved."))

    assert kind_of(html) == kind
    assert "Nothing waiting to be saved." in html
    if level != constants.SUCCESS:
        assert "Success" not in html and "govuk-notification-banner--success" not in html


def test_an_error_is_in_the_error_summary_not_a_banner():
    html = render(Message(constants.ERROR, "Choose a status from the list."))

    assert "There is a problem" in html
    assert "govuk-notification-banner" not in html
    assert re.search(r'govuk-error-summary__list">\s*<li>\s*Choose a status from the list.', html)


def test_messages_of_one_kind_share_one_banner_and_ids_are_unique():
    html = render(
        Message(constants.SUCCESS, "First saved."),
        Message(constants.INFO, "Note one."),
        Message(constants.SUCCESS, "Second saved."),
        Message(constants.WARNING, "Note two."),
        Message(constants.ERROR, "A problem."),
    )

    assert html.count('data-module="govuk-notification-banner"') == 2
    assert html.count('data-module="govuk-error-summary"') == 1
    ids = Counter(re.findall(r'\bid="([^"]+)"', html))
    assert ids and all(count == 1 for count in ids.values()), ids
    for labelled_by in re.findall(r'aria-labelledby="([^"]+)"', html):
        assert ids[labelled_by] == 1
    success, important = html.split('aria-labelledby="messages-important-title"')
    assert "First saved." in success and "Second saved." in success
    assert "Note one." in important and "Note two." in important
    # The error summary takes the focus; the success banner does not also take it.
    assert 'data-disable-auto-focus="true"' in success


def test_a_success_banner_alone_takes_the_focus():
    html = render(Message(constants.SUCCESS, "Saved."))

    assert "data-disable-auto-focus" not in html


def test_message_text_is_escaped():
    html = render(
        Message(constants.INFO, "<script>alert(1)</script>"),
        Message(constants.ERROR, "<b>bold</b>"),
    )

    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html


def test_no_messages_no_markup():
    assert render().strip() == ""
