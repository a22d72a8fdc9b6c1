"""Invitation links set a first password; password reset uses Django's views in GOV.UK dress."""

import re

import pytest
from django.core import mail

from accounts import services
from accounts.models import Role, User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lantern orchard velvet 42"


def link_path(text: str) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", text).group(1)


@pytest.fixture
def invited(bracknell):
    user = services.create_user(
        email="new.editor@bracknell-forest.gov.uk",
        role=Role.AUTHORITY_EDITOR,
        authority=bracknell,
    )
    return services.send_invitation(user=user, base_url="https://portal.example.org")


def test_invitation_email_names_role_authority_and_link(invited):
    body = mail.outbox[0].body
    assert "the role: Authority editor, for Bracknell Forest" in body
    assert "given by a command on the portal's server" in body
    assert invited.link.startswith("https://portal.example.org/accounts/invitation/")
    assert invited.link in body


def test_accepting_an_invitation_sets_the_password_and_signs_in(client, invited):
    response = client.get(link_path(invited.link), follow=True)
    assert "Set your password" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/accounts/"
    assert "Your password is set" in response.content.decode()
    user = User.objects.get(pk=invited.user.pk)
    assert user.check_password(NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_invitation_link_works_once(client, invited):
    form_url = client.get(link_path(invited.link), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()
    response = client.get(link_path(invited.link), follow=True)
    assert "This invitation link has expired" in response.content.decode()


def test_weak_passwords_are_refused_with_the_error_summary(client, invited):
    form_url = client.get(link_path(invited.link), follow=True).redirect_chain[-1][0]
    for weak in ["short", "123456789012345", "password12345"]:
        response = client.post(form_url, {"new_password1": weak, "new_password2": weak})
        assert response.status_code == 200
        assert "govuk-error-summary" in response.content.decode()
    assert not User.objects.get(pk=invited.user.pk).has_usable_password()


def test_a_password_reset_link_is_not_an_invitation(client, invited):
    reset_style = link_path(invited.link).replace("/invitation/", "/password-reset/")
    response = client.get(reset_style, follow=True)
    assert "This link has expired" in response.content.decode()


def test_password_reset_emails_a_link_that_sets_a_new_password(client, member):
    response = client.post("/accounts/password-reset/", {"email": member.email}, follow=True)
    assert "Check your email" in response.content.decode()
    assert len(mail.outbox) == 1
    response = client.get(link_path(mail.outbox[0].body), follow=True)
    assert "Choose a new password" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert "Password changed" in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_password_reset_does_not_reveal_whether_an_account_exists(client):
    response = client.post(
        "/accounts/password-reset/", {"email": "nobody@example.org"}, follow=True
    )
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


def test_the_superuser_adding_a_user_in_admin_sends_an_invitation(client_for, bracknell):
    client = client_for("admin_user")
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "Contact.Editor@Bracknell-Forest.gov.uk",
            "first_name": "Cora",
            "last_name": "Editor",
            "role": "authority_editor",
            "authority": bracknell.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="contact.editor@bracknell-forest.gov.uk")
    assert not user.has_usable_password()
    assert not user.is_staff
    assert "/accounts/invitation/" in mail.outbox[0].body
    assert user.role_grants.get().granted_by_email == "admin@example.com"


@pytest.mark.parametrize("persona", ["admin", "editor_bracknell", "analyst_bracknell", "member"])
def test_only_the_superuser_manages_users_in_admin(client_for, persona):
    client = client_for(persona)
    assert client.get("/admin/accounts/user/").status_code in (302, 403)
    assert client.get("/admin/accounts/user/add/").status_code in (302, 403)


def test_password_reset_emails_are_limited_per_address(client, member):
    for _ in range(5):
        response = client.post("/accounts/password-reset/", {"email": member.email}, follow=True)
        assert "Check your email" in response.content.decode()
    assert len(mail.outbox) == 3
