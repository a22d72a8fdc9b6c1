"""Authority editors work on the "Your authority" pages, not the admin site (issue 22):
they lose staff status. `User.save` keeps it so from now on (accounts/models.py); this
brings the existing accounts in line. A superuser keeps it."""

from django.db import migrations


def editors_leave_the_admin_site(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(role="authority_editor", is_superuser=False, is_staff=True).update(
        is_staff=False
    )


def editors_return_to_the_admin_site(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(role="authority_editor").update(is_staff=True)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0010_feedback")]

    operations = [
        migrations.RunPython(editors_leave_the_admin_site, editors_return_to_the_admin_site)
    ]
