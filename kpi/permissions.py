"""Who may upload cohort files and see submissions: the KPI side of the one scoping module.

Every KPI page and API view asks these functions and nothing else. They follow
accounts/permissions.py (docs/adr/0004-roles-and-scoping.md): an authority analyst uploads
for, and sees the submissions and reports of, their own authority only, because a report
quotes values from the file and record-level data never leaves the owning authority
(docs/kpi-specification.md §8). Nobody else sees submissions.
"""

from django.db.models import QuerySet

from accounts import permissions as access
from accounts.models import AnyUser
from kpi.models import Submission
from models_registry.models import LocalAuthority


def upload_authorities(user: AnyUser) -> QuerySet[LocalAuthority]:
    return access.upload_authorities(user)


def can_upload(user: AnyUser) -> bool:
    return upload_authorities(user).exists()


def can_upload_for(user: AnyUser, authority: LocalAuthority) -> bool:
    return access.can_upload_for(user, authority)


def visible_submissions(user: AnyUser) -> QuerySet[Submission]:
    return access.scope_record_level(Submission.objects.all(), user)


def get_visible_submission_or_404(user: AnyUser, pk: int) -> Submission:
    """The submission, or 404 also when it is another authority's (ids do not leak)."""
    return access.get_record_level_or_404(
        Submission.objects.select_related("authority", "uploaded_by"), user, pk=pk
    )
