"""`manage.py create_user EMAIL --role ROLE [--la SLUG]`: an account and its invitation link."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts import services
from accounts.models import Role
from models_registry.models import LocalAuthority


class Command(BaseCommand):
    help = (
        "Create an account with a role (and, for authority editors and analysts, the "
        "authority they work for), email the person an invitation link and print it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--la", metavar="SLUG", help="The authority's slug, e.g. surrey.")
        parser.add_argument("--first-name", default="")
        parser.add_argument(
            "--base-url",
            help="Start of the link, e.g. https://portal.example.org (default: PORTAL_BASE_URL).",
        )

    def handle(self, *args, email: str, role: str, la: str | None, **options) -> None:
        authority = None
        if la:
            authority = LocalAuthority.objects.filter(slug=la).first()
            if authority is None:
                raise CommandError(f"No local authority with the slug {la!r}.")
        try:
            user = services.create_user(
                email=email, role=Role(role), authority=authority, first_name=options["first_name"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        invitation = services.send_invitation(user=user, base_url=options["base_url"])
        where = f" for {authority.name}" if authority else ""
        self.stdout.write(f"Created {user.email}, {user.get_role_display().lower()}{where}.")
        self.stdout.write(f"Invitation link (works once): {invitation.link}")
        if not options["base_url"]:
            self.stdout.write(
                "The link starts with PORTAL_BASE_URL; without it, http://127.0.0.1 and the "
                "port in PORT (8000 unless set, as `PORT=8080 make run` sets it)."
            )
