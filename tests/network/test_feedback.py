"""Feedback after an event or a meeting: questions set by a regional admin, answers named
or anonymous, a summary and an export for regional admins only."""

import csv
import io

import pytest

from network.models import FeedbackForm, FeedbackQuestion, FeedbackResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def feedback_form(open_event):
    form = FeedbackForm.objects.create(
        event=open_event, title="Feedback, learning and next steps", is_open=True
    )
    FeedbackQuestion.objects.create(
        form=form, position=1, text="How useful was the day?", kind="rating", required=True
    )
    FeedbackQuestion.objects.create(
        form=form, position=2, text="What will you do next?", kind="text"
    )
    return form


def answer(client, form, rating, text, anonymous=False):
    rating_q, text_q = form.questions.order_by("position")
    data = {f"q{rating_q.pk}": rating, f"q{text_q.pk}": text}
    if anonymous:
        data["anonymous"] = "on"
    return client.post(f"/network/feedback/{form.pk}/", data)


def test_named_and_anonymous_answers_are_summarised(client_for, feedback_form, member):
    assert (
        answer(client_for("member"), feedback_form, "4", "Try group supervision").status_code == 302
    )
    assert (
        answer(client_for("editor_bracknell"), feedback_form, "2", "", anonymous=True).status_code
        == 302
    )
    respondents = list(FeedbackResponse.objects.order_by("pk").values_list("respondent", flat=True))
    assert respondents == [member.pk, None]
    body = (
        client_for("admin").get(f"/network/feedback/{feedback_form.pk}/summary/").content.decode()
    )
    assert "2 responses" in body and "mean rating 3.0 out of 5" in body
    assert "Try group supervision" in body


def test_a_required_question_left_empty_is_an_error(client_for, feedback_form):
    response = answer(client_for("member"), feedback_form, "", "")
    assert response.status_code == 400
    assert not FeedbackResponse.objects.exists()


def test_export_names_respondents_or_anonymous(client_for, feedback_form):
    answer(client_for("member"), feedback_form, "5", "=1+1")
    answer(client_for("member"), feedback_form, "3", "", anonymous=True)
    response = client_for("admin").get(f"/network/feedback/{feedback_form.pk}/responses.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "submitted at",
        "respondent",
        "How useful was the day?",
        "What will you do next?",
    ]
    assert [row[1:] for row in rows[1:]] == [
        ["member@example.org", "5", "'=1+1"],
        ["anonymous", "3", ""],
    ]


@pytest.mark.parametrize("persona", ["member", "editor_bracknell", "regional_analyst"])
def test_only_regional_admins_see_the_summary_and_export(client_for, feedback_form, persona):
    client = client_for(persona)
    assert client.get(f"/network/feedback/{feedback_form.pk}/summary/").status_code == 403
    assert client.get(f"/network/feedback/{feedback_form.pk}/responses.csv").status_code == 403


def test_closed_form_takes_no_answers(client_for, feedback_form):
    feedback_form.is_open = False
    feedback_form.save()
    assert answer(client_for("member"), feedback_form, "4", "").status_code == 404
