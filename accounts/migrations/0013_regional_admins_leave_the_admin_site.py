"""The admin site is for the superuser's maintenance only (issue 22): regional admins do
their work on the regional team's pages (/regional/, /accounts/users/) and lose staff
status, as authority editors did in 0011. `User.save` keeps it so from now on: staff status
is the superuser flag (accounts/models.py). A superuser keeps it."""

from django.db import migrations


def regional_admins_leave_the_admin_site(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(is_superuser=False, is_staff=True).update(is_staff=False)


def regional_admins_return_to_the_admin_site(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(role="regional_admin").update(is_staff=True)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0012_access_log_user_management")]

    operations = [
        migrations.RunPython(
            regional_admins_leave_the_admin_site, regional_admins_return_to_the_admin_site
        )
    ]
