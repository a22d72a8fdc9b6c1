"""The services that take in record-level files write the upload to the access log
themselves, given the request it came with (its user and channel): the page and the API
only hand the request over (issue 21). Without a request (the import_cohort command, the
region loader) nothing is logged."""

import pytest

from accounts.models import AccessLog
from kpi.returns.services import submit_aggregate_csv
from kpi.services.imports import import_submission
from tests.kpi.conftest import file_bytes, named

pytestmark = pytest.mark.django_db

API = "/api/v1/kpi/submissions/"


def test_an_upload_with_its_request_is_logged_with_the_request_s_channel(
    rf, fs_bracknell, analyst_bracknell
):
    request = rf.post(API)
    request.user = analyst_bracknell

    report = import_submission(
        authority=fs_bracknell,
        quarter="2018-Q1",
        file=named(file_bytes("rule_age_out_of_range.csv"), "ages.csv"),
        user=analyst_bracknell,
        request=request,
    )

    [entry] = AccessLog.objects.all()
    assert report.outcome == "rejected"  # a rejected file was read all the same
    assert entry.action == AccessLog.Action.UPLOAD
    assert entry.channel == AccessLog.Channel.API_SESSION
    assert entry.user == analyst_bracknell and entry.authority == fs_bracknell
    assert entry.target == f"KPI submission {report.submission.pk}: ages.csv"


def test_an_upload_without_a_request_logs_nothing(fs_bracknell):
    report = import_submission(
        authority=fs_bracknell, quarter="2018-Q1", file=named(file_bytes("valid_small.csv"))
    )

    assert report.outcome == "accepted"
    assert not AccessLog.objects.exists()


def test_a_quarter_refused_before_the_file_is_read_logs_nothing(
    rf, fs_bracknell, analyst_bracknell
):
    request = rf.post("/kpi/submissions/upload/")
    request.user = analyst_bracknell

    report = import_submission(
        authority=fs_bracknell,
        quarter="1999-Q1",
        file=named(file_bytes("valid_small.csv")),
        user=analyst_bracknell,
        request=request,
    )

    assert report.submission is None
    assert not AccessLog.objects.exists()


def test_an_aggregate_return_upload_is_logged_by_its_service(rf, fs_bracknell, analyst_bracknell):
    request = rf.post("/kpi/returns/upload/")
    request.user = analyst_bracknell

    submit_aggregate_csv(
        authority=fs_bracknell,
        quarter="2018-Q1",
        content=b"measure,value,people\n",
        user=analyst_bracknell,
        request=request,
    )

    [entry] = AccessLog.objects.all()
    assert entry.action == AccessLog.Action.UPLOAD
    assert entry.channel == AccessLog.Channel.PAGE
    assert entry.target == "aggregate return bracknell-forest 2018-Q1"
