"""The reference group on the regional team's pages (regional/kinds_meetings.py): the group,
members, meetings and each meeting's rows, answered, checked and saved with their citation;
links from a meeting that preselect it; the database's rules as form errors; no lost
edits; and nobody but the regional team."""

import pytest
from django.test import Client
from django.urls import reverse

from network.models import Action, Attendance, Decision, Meeting, Member, MinuteSection
from network.models import ReferenceGroup as Group
from sources.models import Citation
from tests.factories import LocalAuthorityFactory

pytestmark = pytest.mark.django_db

CITE = {"cite_source": "seslip-report", "cite_locator": "minutes §3"}


@pytest.fixture
def group(db):
    return Group.objects.create(name="Reference group", slug="reference-group")


@pytest.fixture
def meeting(group):
    return Meeting.objects.create(
        group=group, title="Reference group meeting", slug="2027-02-19", date="2027-02-19"
    )


@pytest.fixture
def group_member(group):
    return Member.objects.create(
        group=group, name="Gwen Groupmember", local_authority=LocalAuthorityFactory()
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add(client: Client, slug: str, answers: dict):
    """Answer an "add" page and save on "Check your answers"; the save's response."""
    response = client.post(reverse(f"regional:{slug}-new"), {**answers, **CITE})
    assert response.status_code == 302, response.context["form"].errors
    assert response.url == reverse(f"regional:{slug}-check")
    return client.post(response.url)


def change(client: Client, slug: str, entry, answers: dict):
    url = reverse(f"regional:{slug}-change", kwargs={"pk": entry.pk})
    version = client.get(url).context["form"]["version"].value()
    response = client.post(url, {**answers, **CITE, "version": version})
    assert response.status_code == 302, response.context["form"].errors
    return client.post(response.url)


def test_admin_adds_and_changes_a_group_and_a_member(admin, source):
    client = signed_in(admin)
    add(client, "groups", {"name": "South East group", "slug": "south-east"})
    group = Group.objects.get(slug="south-east")
    assert group.history.get().history_change_reason == (
        "Added by the regional team, from Models of Social Work Practice, minutes §3"
    )
    assert (
        change(
            client,
            "groups",
            group,
            {"name": "South East group", "slug": "south-east", "purpose": "Share practice."},
        ).status_code
        == 302
    )
    group.refresh_from_db()
    assert (group.purpose, group.version) == ("Share practice.", 2)

    authority = LocalAuthorityFactory(name="Kent")
    answers = {"group": group.pk, "name": "Kim Member", "role": "member",
               "local_authority": authority.pk}  # fmt: skip
    add(client, "members", answers)
    kim = Member.objects.get(name="Kim Member")
    change(client, "members", kim, {**answers, "job_title": "Head of practice"})
    kim.refresh_from_db()
    assert kim.job_title == "Head of practice"
    citation = Citation.objects.get(object_id=kim.pk, field="job_title")
    assert citation.locator == "minutes §3"


def test_admin_adds_a_meeting_then_a_decision_from_its_saved_page(admin, source, group):
    client = signed_in(admin)
    saved = add(client, "meetings", {"group": group.pk, "title": "Spring meeting",
                                     "slug": "2027-03-04", "date": "2027-03-04",
                                     "starts_at": "10:00", "ends_at": "12:00"})  # fmt: skip
    meeting = Meeting.objects.get(slug="2027-03-04")
    page = client.get(saved.url).content.decode()
    add_decision = f"{reverse('regional:decisions-new')}?meeting={meeting.pk}"
    assert f'href="{add_decision}"' in page
    assert reverse("network:meeting-detail", kwargs={"slug": meeting.slug}) in page

    question = client.get(add_decision)
    assert question.context["form"]["meeting"].value() == meeting.pk
    add(client, "decisions", {"meeting": meeting.pk, "position": 1, "text": "Meet again."})
    decision = Decision.objects.get(meeting=meeting)
    change(client, "decisions", decision, {"meeting": meeting.pk, "position": 1,
                                           "text": "Meet again in June."})  # fmt: skip
    decision.refresh_from_db()
    assert decision.text == "Meet again in June."
    public = client.get(reverse("network:meeting-detail", kwargs={"slug": meeting.slug}))
    assert "Meet again in June." in public.content.decode()


def test_the_meetings_list_links_to_adding_its_rows(admin, meeting):
    page = signed_in(admin).get(reverse("regional:meetings-list")).content.decode()
    for slug in ("minute-sections", "decisions", "attendance", "actions"):
        assert f"{reverse(f'regional:{slug}-new')}?meeting={meeting.pk}" in page


@pytest.mark.parametrize("junk", ["abc", "-1", "999999", "99999999999999999999999", "1e3", "²"])
def test_a_junk_preselection_is_ignored(admin, meeting, junk):
    response = signed_in(admin).get(reverse("regional:decisions-new"), {"meeting": junk})
    assert response.status_code == 200
    assert response.context["form"]["meeting"].value() in (None, "")


def test_admin_adds_and_changes_sections_attendance_and_actions(
    admin, source, meeting, group_member
):
    client = signed_in(admin)
    add(client, "minute-sections", {"meeting": meeting.pk, "number": 1, "heading": "Welcome"})
    section = MinuteSection.objects.get(meeting=meeting)
    change(client, "minute-sections", section, {"meeting": meeting.pk, "number": 1,
                                                "heading": "Welcome and apologies"})  # fmt: skip
    section.refresh_from_db()
    assert section.heading == "Welcome and apologies"

    present = {"meeting": meeting.pk, "member": group_member.pk, "kind": "attended", "position": 1}
    add(client, "attendance", present)
    attendance = Attendance.objects.get(meeting=meeting)
    change(client, "attendance", attendance, {**present, "listed_as": "Kent"})
    attendance.refresh_from_db()
    assert attendance.listed_as == "Kent"

    action = {"meeting": meeting.pk, "number": 1, "description": "Share the report",
              "owners": [group_member.pk], "due_date": "2027-04-01", "due_precision": "month",
              "status": "open"}  # fmt: skip
    add(client, "actions", action)
    saved = Action.objects.get(meeting=meeting)
    assert list(saved.owners.all()) == [group_member]
    change(client, "actions", saved, {**action, "status": "done"})
    saved.refresh_from_db()
    assert saved.status == "done"
    assert saved.history.first().history_change_reason.startswith("Changed status by the")


def test_a_duplicate_attendance_is_a_form_error(admin, source, meeting, group_member):
    Attendance.objects.create(meeting=meeting, member=group_member, kind="attended")
    client = signed_in(admin)
    response = client.post(
        reverse("regional:attendance-new"),
        {
            "meeting": meeting.pk,
            "member": group_member.pk,
            "kind": "attended",
            "position": 2,
            **CITE,
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text
    assert "The member is already listed for this meeting as “attended”" in text
    assert 'href="#id_member"' in text
    # Listed both ways, as the minutes of 19 February 2020 list one member, is allowed.
    both = client.post(
        reverse("regional:attendance-new"),
        {
            "meeting": meeting.pk,
            "member": group_member.pk,
            "kind": "apologies",
            "position": 1,
            **CITE,
        },
    )
    assert both.status_code == 302


@pytest.mark.parametrize(
    ("slug", "answers", "field", "message"),
    [
        ("meetings", {"title": "M", "slug": "m", "date": "2027-01-01", "starts_at": "12:00",
                      "ends_at": "11:00"}, "ends_at", "The end time must be after the start"),
        ("meetings", {"title": "M", "slug": "bad slug!", "date": "31/02/2027",
                      "starts_at": "25:99"}, "date", "Enter a valid date"),
        ("decisions", {"position": 1, "text": "Taken"}, "position", "already has a decision"),
        ("minute-sections", {"number": 3, "heading": "H"}, "number", "already has a section"),
        ("actions", {"number": 1, "description": "D", "due_date": "2027-04-15",
                     "due_precision": "early_month", "status": "open"}, "due_date",
         "Give the first day of the month"),
        ("actions", {"number": 2, "description": "D", "due_precision": "day", "status": "open",
                     "owners": ["999999", "abc"]}, "owners", "Choose the owners from the list"),
        ("actions", {"number": 2, "description": "D", "due_precision": "day", "status": "open",
                     "owners": ["9" * 30]}, "owners", "Choose the owners from the list"),
        ("attendance", {"member": "abc", "kind": "maybe", "position": "-1"}, "member",
         "Choose a member from the list"),
        ("members", {"name": "Gwen Groupmember", "role": "member"}, "name",
         "already has a member with this name"),
        ("members", {"name": "Nobody", "role": "boss"}, "organisation",
         "Enter the member's organisation"),
    ],
)  # fmt: skip
def test_junk_and_broken_rules_are_form_errors(
    admin, source, meeting, group_member, slug, answers, field, message
):
    Decision.objects.create(meeting=meeting, position=1, text="Taken")
    MinuteSection.objects.create(meeting=meeting, number=3, heading="H")
    parent = {"group": meeting.group_id} if slug in ("meetings", "members") else {}
    parent = parent or {"meeting": meeting.pk}
    response = signed_in(admin).post(reverse(f"regional:{slug}-new"), {**parent, **answers, **CITE})
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors.get(field, [])), form.errors
    assert "There is a problem" in response.content.decode()


def test_two_stale_meeting_forms_the_second_is_refused(admin, second_admin, source, meeting):
    first, second = signed_in(admin), signed_in(second_admin)
    url = reverse("regional:meetings-change", kwargs={"pk": meeting.pk})
    check = reverse("regional:meetings-check", kwargs={"pk": meeting.pk})
    answers = {"group": meeting.group_id, "title": meeting.title, "slug": meeting.slug,
               "date": "2027-02-19", **CITE}  # fmt: skip
    first_version = first.get(url).context["form"]["version"].value()
    second_version = second.get(url).context["form"]["version"].value()
    first.post(url, {**answers, "location": "Bracknell", "version": first_version})
    second.post(url, {**answers, "location": "Online", "version": second_version})

    assert first.post(check).status_code == 302
    stale = second.post(check)

    assert stale.status_code == 409
    text = stale.content.decode()
    assert "changed by someone else since you opened it" in text
    assert "Bracknell" in text and "Online" in text
    meeting.refresh_from_db()
    assert (meeting.location, meeting.version) == ("Bracknell", 2)


@pytest.mark.parametrize("persona", ["member", "editor_bracknell", "regional_analyst"])
def test_only_the_regional_team_edits_the_reference_group(client_for, persona, meeting):
    client = client_for(persona)
    for url in (
        reverse("regional:meetings-list"),
        reverse("regional:decisions-new") + f"?meeting={meeting.pk}",
        reverse("regional:meetings-change", kwargs={"pk": meeting.pk}),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {"title": "Taken over"}).status_code == 403
    meeting.refresh_from_db()
    assert meeting.title != "Taken over"


def test_signed_out_visitors_are_sent_to_sign_in(client, meeting):
    response = client.get(reverse("regional:meetings-change", kwargs={"pk": meeting.pk}))
    assert response.status_code == 302 and "next=" in response.url


def test_the_home_page_lists_the_reference_group_kinds(admin, meeting):
    page = signed_in(admin).get(reverse("regional:home")).content.decode()
    for slug in ("groups", "members", "meetings", "minute-sections", "decisions",
                 "attendance", "actions"):  # fmt: skip
        assert f'href="{reverse(f"regional:{slug}-list")}"' in page
    assert "Meetings</a> (1)" in page
