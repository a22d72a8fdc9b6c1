"""Time and profile the benchmark's pages in process, as a signed-in user or a token holder.

    DATABASE_URL=sqlite:///var/prof.sqlite3 .venv/bin/python benchmarks/profile_pages.py
    ... benchmarks/profile_pages.py --grow 10          # first grow the data (benchmarks/scale_data)
    ... benchmarks/profile_pages.py --profile "model page"

For each page of benchmarks/run.py: the median CPU time of N rendered requests (Django's
test client, in this process, no server; with SQLite the database's work is in it too),
the SQL queries of the first, and with --profile the cProfile (CPU time) of the named
page's requests grouped into ORM compilation, database, templates, serializers and the
rest. --cold empties the caches before each request: what a page costs to build. Small
and quick, for use while working; `make bench` gives the figures under load that
docs/performance.md reports.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GROUPS = {
    "ORM compilation": ("django/db/models/",),
    "database": ("django/db/backends/", "sqlite3.", "psycopg"),
    "templates": (
        "django/template/",
        "jinja2/",
        "markupsafe/",
        "seslip/templatetags/",
        "seslip/components.py",
    ),
    "serializers": (
        "rest_framework/serializers.py",
        "rest_framework/fields.py",
        "rest_framework/relations.py",
        "rest_framework/renderers.py",
        "json/",
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grow", type=int, default=0)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--profile", help="a page name: print where its time goes")
    parser.add_argument("--only", help="comma-separated page names")
    parser.add_argument(
        "--cold", action="store_true", help="empty the caches before each request (a miss)"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seslip.settings")
    import django

    django.setup()
    if args.grow > 1:
        from benchmarks.scale_data import grow_region

        grow_region(args.grow)
    from benchmarks.run import PAGES, TRIVIAL, signed_in_headers

    headers = signed_in_headers()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if args.cold:
        from django.core.cache import caches

        client.get = _emptying_caches_first(client.get, caches["responses"])
    pages = [TRIVIAL, *PAGES]
    if args.only:
        wanted = set(args.only.split(","))
        pages = [p for p in pages if p[0] in wanted]
    for name, path in pages:
        extra = headers["api" if path.startswith("/api/") else "page"]
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, **extra)
        assert response.status_code == 200, (path, response.status_code)
        queries = len(captured)  # read now: the next request empties Django's query log
        times = []
        for _ in range(args.requests):
            # CPU time (SQLite runs in this process): a loaded machine does not inflate it.
            started = time.process_time()
            client.get(path, **extra)
            times.append((time.process_time() - started) * 1000)
        print(f"{name:28} {statistics.median(times):7.1f} ms CPU  {queries:3} queries")
        if args.profile == name:
            profile(client, path, extra, args.requests)
    return 0


def _emptying_caches_first(get, cache):
    def cold_get(*args, **kwargs):
        cache.clear()
        return get(*args, **kwargs)

    return cold_get


def profile(client, path, extra, requests) -> None:
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(requests):
        client.get(path, **extra)
    profiler.disable()
    stats = pstats.Stats(profiler)
    totals = dict.fromkeys(GROUPS, 0.0)
    for (filename, _, function), (_, _, tottime, _, _) in stats.stats.items():
        where = f"{filename} {function}"  # a C function's "file" is "~": its name says more
        for group, parts in GROUPS.items():
            if any(part in where for part in parts):
                totals[group] += tottime
                break
    total = sum(v[2] for v in stats.stats.values())
    for group, seconds in totals.items():
        print(f"    {group:18} {seconds / requests * 1000:6.1f} ms/request")
    print(f"    {'everything':18} {total / requests * 1000:6.1f} ms/request (with profiling)")
    stats.sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    sys.exit(main())
