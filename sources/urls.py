from django.urls import path

from sources import views

app_name = "sources"

urlpatterns = [
    path("", views.source_list, name="list"),
    path("<slug:key>/", views.source_detail, name="detail"),
    path("<slug:key>/citation.bib", views.source_bibtex, name="bibtex"),
    path("<slug:key>/citation.ris", views.source_ris, name="ris"),
]
