from django.urls import path
from graphene_django.views import GraphQLView

from .schema import schema

urlpatterns = [
    # ruleid: TD-D007
    path("graphql/batch", GraphQLView.as_view(schema=schema, batch=True)),
]
