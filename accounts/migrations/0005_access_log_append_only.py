"""The access log is append-only in the database too (PostgreSQL, which production uses).

A trigger refuses any UPDATE that changes an entry, except the foreign keys being set to
NULL when a user or authority is deleted (on_delete=SET_NULL). Deleting stays possible for
the retention purge (`manage.py purge_expired_records`).
"""

import django.utils.timezone
from django.db import migrations, models

CREATE = """
CREATE OR REPLACE FUNCTION accounts_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    IF NEW.at IS DISTINCT FROM OLD.at
       OR NEW.user_email IS DISTINCT FROM OLD.user_email
       OR NEW.action IS DISTINCT FROM OLD.action
       OR NEW.target IS DISTINCT FROM OLD.target
       OR NEW.ip_address IS DISTINCT FROM OLD.ip_address
       OR NEW.user_agent IS DISTINCT FROM OLD.user_agent
       OR (NEW.user_id IS NOT NULL AND NEW.user_id IS DISTINCT FROM OLD.user_id)
       OR (NEW.authority_id IS NOT NULL AND NEW.authority_id IS DISTINCT FROM OLD.authority_id)
    THEN
        RAISE EXCEPTION 'The access log is append-only: entry % cannot be changed', OLD.id;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER accounts_accesslog_append_only
BEFORE UPDATE ON accounts_accesslog
FOR EACH ROW EXECUTE FUNCTION accounts_accesslog_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS accounts_accesslog_append_only ON accounts_accesslog;
DROP FUNCTION IF EXISTS accounts_accesslog_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_user_history'),
    ]

    operations = [
        migrations.AlterField(
            model_name='accesslog',
            name='at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
