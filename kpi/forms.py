from django import forms
from django.conf import settings
from django.utils import timezone

from kpi.models import Submission
from kpi.quarters import Quarter, QuarterError, quarter_hint
from kpi.selectors import check_return_quarter_for, first_cohort_start
from models_registry.models import LocalAuthority
from seslip.filtering import explain_unknown_choices


class AuthorityQuarterForm(forms.Form):
    """The authority (among those the user may send for) and the quarter of a return, which
    must keep the one quarter rule (kpi.quarters.check_return_quarter)."""

    authority = forms.ModelChoiceField(
        queryset=LocalAuthority.objects.none(),  # the user's, set in __init__
        label="Local authority",
        empty_label=None,
        error_messages={"required": "Select the local authority the return is for"},
    )
    quarter = forms.CharField(
        label="Quarter",
        max_length=10,
        error_messages={
            "required": "Enter the quarter the return covers, for example 2018-Q1",
            "max_length": "Enter the quarter as YYYY-Qn, for example 2018-Q1",
        },
    )

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        only = list(authorities[:2])
        self.fields["quarter"].help_text = quarter_hint(
            today=timezone.localdate(),
            first_window=first_cohort_start(only[0]) if len(only) == 1 else None,
        )

    def clean_quarter(self) -> str:
        try:
            return str(Quarter.parse(self.cleaned_data["quarter"]))
        except QuarterError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        authority, quarter = cleaned.get("authority"), cleaned.get("quarter")
        if authority is not None and quarter:
            try:
                check_return_quarter_for(authority, quarter, today=timezone.localdate())
            except QuarterError as error:
                self.add_error("quarter", str(error))
        return cleaned


class UploadForm(AuthorityQuarterForm):
    file = forms.FileField(
        label="Cohort file",
        help_text="A CSV file or an Excel workbook (.xlsx) with the column headings in row 1.",
        error_messages={"required": "Select the cohort file to upload"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.KPI_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file must be smaller than {limit // (1024 * 1024)} MB"
            )
        return upload


class SubmissionFilterForm(forms.Form):
    authority = forms.ModelChoiceField(
        queryset=LocalAuthority.objects.none(),  # the user's, set in __init__
        required=False,
        to_field_name="slug",
        label="Local authority",
    )
    quarter = forms.CharField(
        required=False, label="Quarter", max_length=10, help_text="For example, 2018-Q1"
    )
    status = forms.ChoiceField(
        required=False, label="Status", choices=[("", "Any status"), *Submission.Status.choices]
    )

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        self.fields["authority"].empty_label = "Any authority"

    def clean_quarter(self) -> str:
        text = self.cleaned_data["quarter"].strip()
        if not text:
            return ""
        try:
            return str(Quarter.parse(text))
        except QuarterError as error:
            raise forms.ValidationError(str(error)) from error


class WithdrawalForm(forms.Form):
    """Why an analyst withdraws a submission: a reason always, in their words for "other"."""

    reason = forms.ChoiceField(
        label="Why are you withdrawing this submission?",
        choices=Submission.WithdrawalReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select why you are withdrawing this submission",
            "invalid_choice": "Select why you are withdrawing this submission",
        },
    )
    note = forms.CharField(
        label="Explain why (optional unless you chose another reason)",
        help_text="Only your authority's analysts see this. Do not name children or families.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        error_messages={"max_length": "Explain in 1,000 characters or fewer"},
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["note"] = (cleaned.get("note") or "").strip()
        if cleaned.get("reason") == Submission.WithdrawalReason.OTHER and not cleaned["note"]:
            self.add_error("note", "Explain why you are withdrawing this submission")
        return cleaned


class ChoiceParameterForm(forms.Form):
    """One query parameter of a dashboard (`cohort`, `measure`) checked against the values
    the page offers: an unknown value is a field error naming them (seslip.filtering)."""

    def __init__(self, data, *, name: str, label: str, choices: list[tuple[str, str]]):
        super().__init__(data if data is not None and name in data else None, auto_id="%s")
        self.name = name
        self.fields[name] = forms.ChoiceField(label=label, choices=choices)
        if self.is_bound:
            explain_unknown_choices(self, {})

    def chosen(self, default: str) -> str:
        if self.is_bound and self.is_valid():
            return self.cleaned_data[self.name]
        return default
