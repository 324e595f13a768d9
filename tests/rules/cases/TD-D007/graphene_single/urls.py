from django.urls import path
from graphene_django.views import GraphQLView

from .schema import schema

urlpatterns = [
    # ok: TD-D007
    path("graphql", GraphQLView.as_view(schema=schema)),
]
