"""Every persona against every reference group page: the expected status, in one table
(the accounts matrix's shape). Bookings of another authority are 404 (test_bookings.py)."""

import pytest

from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

EVENT = "/network/events/learning-day-2027"
MEETING = "/network/meetings/2020-02-19"
SIGN_IN = 302

# path -> {persona: status}; personas not named get the "*" status.
MATRIX = {
    "/network/": {"*": 200},
    "/network/events/": {"*": 200},
    f"{EVENT}/": {"*": 200},
    f"{EVENT}/calendar.ics": {"*": 200},
    "/network/calendar.ics": {"*": 200},
    "/network/resources/": {"*": 200},
    "/network/meetings/": {"anonymous": SIGN_IN, "*": 200},
    f"{MEETING}/": {"anonymous": SIGN_IN, "*": 200},
    f"{MEETING}/calendar.ics": {"anonymous": SIGN_IN, "*": 200},
    "/network/actions/": {"anonymous": SIGN_IN, "*": 200},
    f"{EVENT}/book/": {"anonymous": SIGN_IN, "editor_bracknell": 200, "admin": 200, "*": 403},
    f"{EVENT}/bookings/": {"anonymous": SIGN_IN, "editor_bracknell": 200, "admin": 200, "*": 403},
    f"{EVENT}/bookings.csv": {"anonymous": SIGN_IN, "admin": 200, "*": 403},
    "/network/feedback/{form}/": {"anonymous": SIGN_IN, "*": 200},
    "/network/feedback/{form}/summary/": {"anonymous": SIGN_IN, "admin": 200, "*": 403},
    "/network/feedback/{form}/responses.csv": {"anonymous": SIGN_IN, "admin": 200, "*": 403},
    # The admin site is the superuser's (issue 22): the regional team uses /regional/.
    "/admin/network/action/": {"*": 302},
    "/api/v1/network/events/": {"*": 200},
    "/api/v1/network/meetings/": {"anonymous": 401, "*": 200},
    "/api/v1/network/actions/": {"anonymous": 401, "*": 200},
    "/api/v1/network/bookings/": {"anonymous": 401, "*": 200},
    "/api/v1/network/feedback-responses/": {"anonymous": 401, "*": 200},
}

CASES = [
    (path, persona, statuses.get(persona, statuses["*"]))
    for path, statuses in MATRIX.items()
    for persona in PERSONAS
]


@pytest.fixture
def feedback_form(open_event):
    from network.models import FeedbackForm

    return FeedbackForm.objects.create(event=open_event, title="Feedback", is_open=True)


@pytest.mark.parametrize(("path", "persona", "expected"), CASES)
def test_network_role_matrix(client_for, meeting, feedback_form, path, persona, expected):
    url = path.format(form=feedback_form.pk)
    assert client_for(persona).get(url).status_code == expected
