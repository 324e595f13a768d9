from django.urls import path

from forum import views

urlpatterns = [path("posts/", views.create_post)]
