from django.urls import path

from evidence import views

app_name = "evidence"

urlpatterns = [
    path("", views.evidence_map, name="map"),
    path("search/", views.search, name="search"),
    path("evaluations/", views.evaluation_list, name="evaluations"),
    path("evaluations/<slug:slug>/", views.evaluation_detail, name="evaluation"),
    path("evaluations/<slug:slug>/citation.bib", views.evaluation_bibtex, name="evaluation-bibtex"),
    path("evaluations/<slug:slug>/citation.ris", views.evaluation_ris, name="evaluation-ris"),
    path("findings/<slug:key>/", views.finding_detail, name="finding"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/new/", views.proposal_question, name="proposal-new"),
    path("proposals/new/check/", views.proposal_check, name="proposal-check"),
    path("proposals/<slug:key>/change/", views.proposal_question, name="proposal-change"),
    path("proposals/<slug:key>/check/", views.proposal_check, name="proposal-check"),
    path("proposals/<slug:key>/sent/", views.proposal_sent, name="proposal-sent"),
]
