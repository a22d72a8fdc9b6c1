"""Write a synthetic cohort file: `generate_cohort --la SLUG --quarter 2018-Q1 ...`."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kpi.generator import GeneratorError, generate
from kpi.quarters import Quarter


class Command(BaseCommand):
    help = (
        "Write a realistic, deterministic synthetic Family Safeguarding cohort file (no real "
        "person's data) in the format of the portal's KPI specification, §4."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--la", required=True, help="Authority slug, e.g. bracknell-forest")
        parser.add_argument("--quarter", required=True, help="YYYY-Qn, e.g. 2018-Q1")
        parser.add_argument("--families", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", required=True, help="File to write")
        parser.add_argument("--format", choices=("csv", "xlsx"), default=None)

    def handle(self, *args, **options) -> None:
        try:
            quarter = Quarter.parse(options["quarter"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["families"] < 1:
            raise CommandError("--families must be at least 1.")
        out = options["out"]
        file_format = options["format"] or ("xlsx" if out.lower().endswith(".xlsx") else "csv")
        try:
            rows = generate(
                authority_slug=options["la"],
                quarter=quarter,
                families=options["families"],
                seed=options["seed"],
                out=out,
                file_format=file_format,
            )
        except GeneratorError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Wrote {rows:,} rows for {options['families']:,} families to {out}.")
