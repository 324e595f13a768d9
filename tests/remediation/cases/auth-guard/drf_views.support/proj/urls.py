from django.urls import path

import drf_views

urlpatterns = [
    path("tags/", drf_views.TagCreate.as_view()),
    path("notes/", drf_views.NoteCreate.as_view()),
]
