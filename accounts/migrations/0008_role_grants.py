"""Role grants: an append-only record of who gave whom which role, in the database too.

As for the access log (0005), a PostgreSQL trigger refuses any UPDATE that changes a grant,
except its foreign keys being set to NULL when an account or authority is deleted
(on_delete=SET_NULL). Deleting stays possible for the retention purge.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

CREATE = """
CREATE OR REPLACE FUNCTION accounts_rolegrant_append_only() RETURNS trigger AS $$
BEGIN
    IF NEW.at IS DISTINCT FROM OLD.at
       OR NEW.user_email IS DISTINCT FROM OLD.user_email
       OR NEW.role IS DISTINCT FROM OLD.role
       OR NEW.previous_role IS DISTINCT FROM OLD.previous_role
       OR NEW.granted_by_email IS DISTINCT FROM OLD.granted_by_email
       OR NEW.ip_address IS DISTINCT FROM OLD.ip_address
       OR NEW.user_agent IS DISTINCT FROM OLD.user_agent
       OR (NEW.user_id IS NOT NULL AND NEW.user_id IS DISTINCT FROM OLD.user_id)
       OR (NEW.granted_by_id IS NOT NULL AND NEW.granted_by_id IS DISTINCT FROM OLD.granted_by_id)
       OR (NEW.authority_id IS NOT NULL AND NEW.authority_id IS DISTINCT FROM OLD.authority_id)
       OR (NEW.previous_authority_id IS NOT NULL
           AND NEW.previous_authority_id IS DISTINCT FROM OLD.previous_authority_id)
    THEN
        RAISE EXCEPTION 'Role grants are append-only: grant % cannot be changed', OLD.id;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER accounts_rolegrant_append_only
BEFORE UPDATE ON accounts_rolegrant
FOR EACH ROW EXECUTE FUNCTION accounts_rolegrant_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS accounts_rolegrant_append_only ON accounts_rolegrant;
DROP FUNCTION IF EXISTS accounts_rolegrant_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0007_api_tokens_stored_hashed'),
        ('models_registry', '0004_history_of_links'),
    ]

    operations = [
        migrations.CreateModel(
            name='RoleGrant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False)),
                ('user_email', models.CharField(max_length=254, verbose_name='account')),
                ('role', models.CharField(choices=[('member', 'Member'), ('authority_editor', 'Authority editor'), ('authority_analyst', 'Authority analyst'), ('regional_analyst', 'Regional analyst'), ('regional_admin', 'Regional admin')], max_length=30)),
                ('previous_role', models.CharField(blank=True, choices=[('member', 'Member'), ('authority_editor', 'Authority editor'), ('authority_analyst', 'Authority analyst'), ('regional_analyst', 'Regional analyst'), ('regional_admin', 'Regional admin')], help_text='Empty for a new account.', max_length=30)),
                ('granted_by_email', models.CharField(blank=True, max_length=254, verbose_name='granted by')),
                ('ip_address', models.GenericIPAddressField(blank=True, null=True)),
                ('user_agent', models.CharField(blank=True, max_length=300)),
                ('authority', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='models_registry.localauthority')),
                ('granted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='role_grants_given', to=settings.AUTH_USER_MODEL)),
                ('previous_authority', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='models_registry.localauthority')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='role_grants', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-at', '-pk'],
                'indexes': [models.Index(fields=['user', '-at'], name='rolegrant_user_at')],
            },
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
