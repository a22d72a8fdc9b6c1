"""The access log records how data was reached (`channel`: page, report, CSV, API by
session or token, admin, command) and withdrawals; an index serves "who read this
authority's data". The PostgreSQL append-only trigger (0005) now guards `channel` too.
"""

from django.db import migrations, models

CREATE = """
CREATE OR REPLACE FUNCTION accounts_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    IF NEW.at IS DISTINCT FROM OLD.at
       OR NEW.user_email IS DISTINCT FROM OLD.user_email
       OR NEW.action IS DISTINCT FROM OLD.action
       OR NEW.channel IS DISTINCT FROM OLD.channel
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
"""

PREVIOUS = """
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
"""


def guard_channel(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def stop_guarding_channel(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0008_role_grants'),
        ('models_registry', '0004_history_of_links'),
    ]

    operations = [
        migrations.AddField(
            model_name='accesslog',
            name='channel',
            field=models.CharField(blank=True, choices=[('page', 'Web page'), ('report', 'Report page'), ('csv', 'CSV download'), ('api-session', 'API, signed in'), ('api-token', 'API, with a token'), ('admin', 'Admin site'), ('command', 'Command line')], max_length=12),
        ),
        migrations.AlterField(
            model_name='accesslog',
            name='action',
            field=models.CharField(choices=[('view_records', 'Viewed record-level data'), ('upload', 'Uploaded a file'), ('export', 'Exported data'), ('download', 'Downloaded a file or report'), ('token_use', 'Used an API token'), ('admin_delete', 'Deleted in the admin site'), ('withdraw', 'Withdrew a submission')], max_length=20),
        ),
        migrations.AddIndex(
            model_name='accesslog',
            index=models.Index(fields=['authority', '-at'], name='accesslog_authority_at'),
        ),
        migrations.RunPython(guard_channel, stop_guarding_channel),
    ]
