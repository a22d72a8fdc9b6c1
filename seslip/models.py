"""The portal frame's own table: the data version the anonymous response cache keys on."""

from django.db import models


class DataVersion(models.Model):
    """A single row whose number goes up after every committed change to what anonymous
    visitors can see (seslip.response_cache). Cached pages are stored under the number, so
    a change makes every earlier copy unreachable at once, in every server process."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "data version"

    def __str__(self) -> str:
        return f"data version {self.number}"
