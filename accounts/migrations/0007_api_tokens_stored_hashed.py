"""API tokens stored as digests (django-rest-knox), and the plaintext tokens moved over.

Until now DRF's `rest_framework.authtoken` kept every key in clear in `authtoken_token`.
Each one becomes an ApiToken holding only knox's digest of the same key (so its holder's
scripts keep working), marked `issued_before_hashing` because others may have seen it; then
the plaintext table and DRF's record of its migrations are dropped, and the admin site's
"Recent actions" entries for DRF's tokens, whose object id and name were the key itself,
lose both. On a database that never had the table (a new installation) there is nothing to
move.

Going back is possible but loses every token: the keys cannot be recovered from digests.
"""

import datetime

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from knox.crypto import hash_token
from knox.settings import CONSTANTS as KNOX

PLAINTEXT_TABLE = "authtoken_token"


def _aware(value):
    """The stored creation time; SQLite may give it back as text or without a zone (UTC)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.timezone.utc)
    return value or timezone.now()


def hash_plaintext_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if PLAINTEXT_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("accounts", "ApiToken")
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "key", user_id, created FROM {PLAINTEXT_TABLE}')
        rows = cursor.fetchall()
    for key, user_id, created in rows:
        token = ApiToken.objects.create(
            digest=hash_token(key),
            token_key=key[: KNOX.TOKEN_KEY_LENGTH],
            user_id=user_id,
            issued_before_hashing=True,
        )
        # `created` is auto_now_add: keep the original date.
        ApiToken.objects.filter(pk=token.pk).update(created=_aware(created))
    schema_editor.execute(f"DROP TABLE {PLAINTEXT_TABLE}")
    MigrationRecorder(connection).migration_qs.filter(app="authtoken").delete()
    if "django_admin_log" in connection.introspection.table_names():
        schema_editor.execute(
            "UPDATE django_admin_log SET object_id = NULL, object_repr = %s "
            "WHERE content_type_id IN "
            "(SELECT id FROM django_content_type WHERE app_label = 'authtoken')",
            params=["API token (key removed)"],
        )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0006_access_log_admin_delete'),
    ]

    operations = [
        migrations.CreateModel(
            name='ApiToken',
            fields=[
                ('token_key', models.CharField(db_index=True, max_length=25)),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('expiry', models.DateTimeField(blank=True, null=True)),
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('digest', models.CharField(max_length=128, unique=True)),
                ('last_used', models.DateTimeField(blank=True, null=True)),
                ('issued_before_hashing', models.BooleanField(default=False, help_text='Created when keys were still stored in clear, so others may have seen it.')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='auth_token_set', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'API token',
                'ordering': ['-created'],
                'constraints': [models.UniqueConstraint(fields=('user',), name='one_api_token_per_user')],
            },
        ),
        migrations.RunPython(hash_plaintext_tokens, migrations.RunPython.noop),
    ]
