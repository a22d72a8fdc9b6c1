"""A stand-in for one server process, for tests/seslip/test_shared_counters.py:

    python -m tests.seslip.throttle_probe REQUESTS [--fresh] [--process-local]

sets Django up with the test settings (the environment chooses the database and
CACHE_URL), sends REQUESTS requests from one user through the API's user throttle and
prints, as JSON, how many it allowed and which cache backend counted them. `--fresh`
forgets that user's earlier count first; `--process-local` counts in this process's
memory instead (what the portal did before), the test's control case.
"""

import json
import os
import sys


class _User:
    pk = 7
    is_authenticated = True


class _Request:
    user = _User()
    META = {"REMOTE_ADDR": "192.0.2.7"}


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seslip.settings_test")
    import django

    django.setup()
    from django.core.cache import cache, caches
    from django.test.utils import override_settings
    from rest_framework.throttling import UserRateThrottle

    requests = int(argv[0])
    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(**({"CACHES": local} if "--process-local" in argv else {})):
        throttle = UserRateThrottle()
        if "--fresh" in argv:
            cache.delete(throttle.get_cache_key(_Request(), None))
        allowed = sum(UserRateThrottle().allow_request(_Request(), None) for _ in range(requests))
        backend = type(caches["default"]).__name__
        print(json.dumps({"allowed": allowed, "backend": backend}))


if __name__ == "__main__":
    main(sys.argv[1:])
