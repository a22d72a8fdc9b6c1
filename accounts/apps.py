from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _ensure_roles(sender: AppConfig, **kwargs) -> None:
    """post_migrate is sent once per app, in INSTALLED_APPS order, each time after that app's
    permissions are created; act on the last one, when every model's permissions exist."""
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if with_models and sender.label != with_models[-1].label:
        return
    from accounts.services import ensure_roles

    ensure_roles()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts, roles and access log"

    def ready(self) -> None:
        # After every migrate (and test-database set-up) the role groups carry the
        # permissions of whatever models exist by then (accounts/roles.py).
        post_migrate.connect(_ensure_roles, dispatch_uid="accounts.ensure_roles")
        # The apps below accounts ask its rules through seslip/access.py.
        from accounts import permissions, selectors, services
        from seslip import access

        access.install(
            access.AccessRules(
                editable_authorities=permissions.editable_authorities,
                can_see_contacts=permissions.can_see_contacts,
                record_admin_delete=services.record_admin_delete,
                can_manage_registry=permissions.can_manage_registry,
                editors_of=selectors.editors_of,
                regional_team=selectors.regional_team,
            )
        )
