"""The phase banner's feedback link leads to a short form whose responses the regional team
reads in the portal; the accessibility statement's promised reply goes through it too
(issue 23, Browsing)."""

import html

import pytest

from accounts.models import Feedback

pytestmark = pytest.mark.django_db

FORM = "/accounts/feedback/"
RESPONSES = "/accounts/feedback/responses/"


def test_every_page_banner_links_to_the_form_naming_the_page(client):
    page = client.get("/authorities/").content.decode()

    assert f'href="{FORM}?from=/authorities/">Give feedback</a>' in page


def test_the_accessibility_statement_offers_a_real_way_to_reach_the_team(client):
    page = client.get("/accessibility/").content.decode()

    assert f'href="{FORM}?from=/accessibility/"' in page
    assert "We will reply within 5 working days." in page


def test_anyone_can_send_feedback_and_it_is_kept_with_the_page(client):
    form = client.get(FORM, {"from": "/evidence/"})
    assert form.status_code == 200
    assert 'value="/evidence/"' in form.content.decode()

    sent = client.post(
        FORM, {"message": "The map is hard to read.", "email": "", "page": "/evidence/"}
    )

    assert (sent.status_code, sent["Location"]) == (302, "/accounts/feedback/sent/")
    thanks = client.get(sent["Location"]).content.decode()
    assert "Feedback sent" in thanks
    assert "reply to the email address" not in thanks
    (feedback,) = Feedback.objects.all()
    assert (feedback.message, feedback.page, feedback.email, feedback.user) == (
        "The map is hard to read.",
        "/evidence/",
        "",
        None,
    )


def test_a_signed_in_reader_is_named_and_a_reply_promised(client_for):
    client = client_for("member")
    sent = client.post(FORM, {"message": "Thanks", "email": "me@example.org", "page": ""})

    thanks = client.get(sent["Location"]).content.decode()
    assert "reply to the email address you gave within 5 working days" in thanks
    assert Feedback.objects.get().user.email


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"message": "", "email": ""}, "Enter what you would like to tell us"),
        ({"message": "x" * 2001, "email": ""}, "Enter 2,000 characters or fewer"),
        ({"message": "Hi", "email": "not an email"}, "Enter an email address like"),
    ],
)
def test_a_bad_form_is_a_govuk_error_and_nothing_is_kept(client, data, error):
    response = client.post(FORM, {**data, "page": ""})

    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "govuk-error-summary" in page
    assert error in page
    assert not Feedback.objects.exists()


def test_only_a_page_of_this_portal_is_kept_as_where_it_came_from(client):
    client.post(FORM, {"message": "Hi", "email": "", "page": "https://evil.example/"})
    client.post(FORM, {"message": "Hi", "email": "", "page": "//evil.example/"})

    assert list(Feedback.objects.values_list("page", flat=True)) == ["", ""]


def test_regional_admins_read_the_feedback_in_the_portal(client_for):
    Feedback.objects.create(message="Please add Kent", email="kim@example.org", page="/")

    page = client_for("admin").get(RESPONSES)

    assert page.status_code == 200
    assert "Please add Kent" in page.content.decode()
    assert 'href="mailto:kim@example.org"' in page.content.decode()
    assert "Read feedback from readers" in client_for("admin").get("/accounts/").content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("member", 403),
        ("editor_bracknell", 403),
        ("analyst_bracknell", 403),
        ("regional_analyst", 403),
        ("admin", 200),
    ],
)
def test_only_regional_admins_read_feedback(client_for, persona, status):
    assert client_for(persona).get(RESPONSES).status_code == status


def test_anonymous_readers_are_sent_to_sign_in(client):
    response = client.get(RESPONSES)

    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def test_the_responses_page_reads_in_constant_queries(client_for, django_assert_max_num_queries):
    client = client_for("admin")
    for number in range(30):
        Feedback.objects.create(message=f"Message {number}")
    with django_assert_max_num_queries(8):
        assert client.get(RESPONSES).status_code == 200
