"""Django class-based views and DRF APIViews / generic views / ViewSets, one idiom each."""

from __future__ import annotations

from django_helpers import fragment, kinds, routed

from threatdelta.model import FactKind, Tri


def test_login_required_mixin_authenticates_each_method() -> None:
    frag = fragment(
        """
        from django.contrib.auth.mixins import LoginRequiredMixin
        from django.views import View

        class Profile(LoginRequiredMixin, View):
            def get(self, request):
                return None

            def post(self, request):
                return None
        """
    )
    found = routed(frag)
    assert set(found) == {("Profile", "GET", ""), ("Profile", "POST", "")}
    assert all(ep.authentication is Tri.YES for ep in found.values())
    assert found[("Profile", "GET", "")].handler_name == "Profile.get"


def test_admin_only_api_view_has_object_authorization() -> None:
    frag = fragment(
        """
        from rest_framework.permissions import IsAdminUser
        from rest_framework.views import APIView

        class Report(APIView):
            permission_classes = [IsAdminUser]

            def get(self, request, pk):
                return None
        """
    )
    ep = routed(frag)[("Report", "GET", "")]
    assert (ep.authentication, ep.object_authorization) == (Tri.YES, Tri.YES)
    assert "IsAdminUser" in ep.guards


def test_generic_list_create_view_answers_get_and_post_and_lists() -> None:
    frag = fragment(
        """
        from rest_framework import generics
        from .models import Note

        class Notes(generics.ListCreateAPIView):
            queryset = Note.objects.all()
            pagination_class = None
        """
    )
    found = routed(frag)
    assert set(found) == {("Notes", "GET", ""), ("Notes", "POST", "")}
    listing = found[("Notes", "GET", "")]
    assert (listing.returns_collection, listing.paginated) == (Tri.YES, Tri.NO)


def test_empty_throttle_classes_switch_throttling_off() -> None:
    frag = fragment(
        """
        from rest_framework import viewsets

        class Feed(viewsets.ReadOnlyModelViewSet):
            throttle_classes = []
        """
    )
    ep = routed(frag)[("Feed", "GET", "")]
    assert ep.rate_limited is Tri.NO
    assert "DEFAULT_THROTTLE_CLASSES" not in ep.guards


def test_generated_detail_route_loads_the_object_by_the_url_id() -> None:
    frag = fragment(
        """
        from rest_framework import viewsets
        from .models import Note

        class NoteViewSet(viewsets.ModelViewSet):
            lookup_field = "slug"
            queryset = Note.objects.all()
        """
    )
    ep = routed(frag)[("NoteViewSet", "DELETE", "{slug}")]
    [lookup] = [f for f in ep.facts if f.kind is FactKind.OBJECT_LOOKUP_BY_ID]
    assert lookup.location.start_line == 7
    assert ep.object_authorization is Tri.NO


def test_get_queryset_filtered_by_the_user_is_an_ownership_check() -> None:
    frag = fragment(
        """
        from rest_framework import viewsets
        from .models import Note

        class NoteViewSet(viewsets.ModelViewSet):
            def get_queryset(self):
                return Note.objects.filter(owner=self.request.user)
        """
    )
    ep = routed(frag)[("NoteViewSet", "GET", "{pk}")]
    assert FactKind.OWNERSHIP_CHECK in kinds(ep)
    assert ep.object_authorization is Tri.YES


def test_local_base_class_is_not_a_view_but_lends_its_permissions() -> None:
    frag = fragment(
        """
        from rest_framework import viewsets
        from rest_framework.permissions import IsAuthenticated

        class Base(viewsets.GenericViewSet):
            permission_classes = [IsAuthenticated]

        class Items(Base):
            def list(self, request):
                return None
        """
    )
    found = routed(frag)
    assert set(found) == {("Items", "GET", "")}
    assert found[("Items", "GET", "")].authentication is Tri.YES


def test_session_authenticator_without_csrf_check_disables_csrf_on_its_views() -> None:
    frag = fragment(
        """
        from rest_framework import viewsets
        from rest_framework.authentication import SessionAuthentication

        class NoCsrf(SessionAuthentication):
            def enforce_csrf(self, request):
                return

        class Orders(viewsets.ModelViewSet):
            authentication_classes = [NoCsrf]
        """
    )
    [service_fact] = [f for s in frag.services for f in s.facts]
    assert (service_fact.kind, service_fact.name) == (FactKind.CSRF_DISABLED, "NoCsrf")
    ep = routed(frag)[("Orders", "POST", "")]
    [fact] = [f for f in ep.facts if f.kind is FactKind.CSRF_DISABLED]
    assert fact.location.start_line == 10
    assert ep.auth_schemes == ("session",)


def test_serializer_of_the_same_module_gives_request_and_response_fields() -> None:
    frag = fragment(
        """
        from django.db import models
        from rest_framework import serializers, viewsets

        class Account(models.Model):
            email = models.EmailField()
            password = models.CharField(max_length=128)

        class AccountSerializer(serializers.ModelSerializer):
            class Meta:
                model = Account
                fields = "__all__"
                read_only_fields = ["password"]

        class AccountViewSet(viewsets.ModelViewSet):
            queryset = Account.objects.all()
            serializer_class = AccountSerializer
        """
    )
    found = routed(frag)
    listing = found[("AccountViewSet", "GET", "")]
    assert listing.response_fields == ("id", "email", "password")
    assert listing.request_fields == ()
    assert found[("AccountViewSet", "POST", "")].request_fields == ("email",)
    assert found[("AccountViewSet", "DELETE", "{pk}")].response_fields == ()


def test_authenticated_or_read_only_opens_reads_and_protects_writes() -> None:
    frag = fragment(
        """
        from rest_framework import viewsets
        from rest_framework.permissions import IsAuthenticatedOrReadOnly

        class Posts(viewsets.ModelViewSet):
            permission_classes = [IsAuthenticatedOrReadOnly]
        """
    )
    found = routed(frag)
    assert found[("Posts", "GET", "")].authentication is Tri.NO
    assert found[("Posts", "POST", "")].authentication is Tri.YES
    assert "DEFAULT_PERMISSION_CLASSES" not in found[("Posts", "GET", "")].guards


def test_unrecognised_permission_class_leaves_authentication_unknown() -> None:
    frag = fragment(
        """
        from rest_framework.views import APIView
        from .permissions import HasClinicAccess

        class Schedule(APIView):
            permission_classes = [HasClinicAccess]

            def post(self, request):
                return None
        """
    )
    ep = routed(frag)[("Schedule", "POST", "")]
    assert ep.authentication is Tri.UNKNOWN
    assert "DEFAULT_PERMISSION_CLASSES" not in ep.guards


def test_http_method_names_limit_the_generated_routes() -> None:
    frag = fragment(
        """
        from rest_framework import viewsets

        class Invoices(viewsets.ModelViewSet):
            http_method_names = ["get", "post"]
        """
    )
    assert set(routed(frag)) == {
        ("Invoices", "GET", ""),
        ("Invoices", "POST", ""),
        ("Invoices", "GET", "{pk}"),
    }


def test_generic_view_action_override_is_the_routes_handler() -> None:
    frag = fragment(
        """
        from rest_framework import generics
        from .models import Comment

        class CommentDetail(generics.RetrieveDestroyAPIView):
            queryset = Comment.objects.all()

            def destroy(self, request, pk=None):
                Comment.objects.get(pk=pk).delete()
                return None
        """
    )
    found = routed(frag)
    delete = found[("CommentDetail", "DELETE", "")]
    assert delete.handler_name == "CommentDetail.destroy"
    assert delete.object_authorization is Tri.NO
    retrieve = found[("CommentDetail", "GET", "")]
    assert retrieve.handler_name == "CommentDetail.get"
    assert FactKind.OBJECT_LOOKUP_BY_ID in kinds(retrieve)  # get_object() by the URL's id


def test_queryset_get_by_a_path_value_is_an_object_lookup() -> None:
    frag = fragment(
        """
        from rest_framework import viewsets
        from .models import Article

        class Articles(viewsets.GenericViewSet):
            queryset = Article.objects.all()

            def retrieve(self, request, slug):
                return self.queryset.get(slug=slug)
        """
    )
    ep = routed(frag)[("Articles", "GET", "{pk}")]
    [lookup] = [f for f in ep.facts if f.kind is FactKind.OBJECT_LOOKUP_BY_ID]
    assert lookup.name == "self.queryset.get"


def test_project_base_viewset_gives_routes_and_an_unknown_control() -> None:
    frag = fragment(
        """
        from rest_framework.response import Response
        from core.views import BaseReadOnlyModelViewSet
        from .models import Ward

        class WardViewSet(BaseReadOnlyModelViewSet):
            queryset = Ward.objects.all()
        """
    )
    found = routed(frag)
    assert set(found) == {("WardViewSet", "GET", ""), ("WardViewSet", "GET", "{pk}")}
    listing = found[("WardViewSet", "GET", "")]
    assert listing.sources == ("drf",)
    assert listing.authentication is Tri.UNKNOWN  # the base may set permission_classes


def test_project_auth_mixin_is_authentication_by_its_name() -> None:
    frag = fragment(
        """
        from rest_framework.views import APIView
        from api.mixins import ApiAuthMixin

        class MeApi(ApiAuthMixin, APIView):
            def get(self, request):
                return None
        """
    )
    assert routed(frag)[("MeApi", "GET", "")].authentication is Tri.YES


def test_subclass_of_a_library_token_view_is_an_anonymous_drf_view() -> None:
    frag = fragment(
        """
        from rest_framework_jwt.views import ObtainJSONWebTokenView

        class JwtLogin(ObtainJSONWebTokenView):
            def post(self, request, *args, **kwargs):
                return super().post(request, *args, **kwargs)
        """
    )
    ep = routed(frag)[("JwtLogin", "POST", "")]
    assert (ep.authentication, ep.sources) == (Tri.NO, ("drf",))
    assert "DEFAULT_PERMISSION_CLASSES" not in ep.guards
    assert "DEFAULT_THROTTLE_CLASSES" in ep.guards


def test_concrete_viewset_that_another_derives_from_is_still_a_view() -> None:
    frag = fragment(
        """
        from rest_framework import viewsets
        from .models import Patient

        class PatientViewSet(viewsets.ReadOnlyModelViewSet):
            queryset = Patient.objects.all()

        class ArchivedPatientViewSet(PatientViewSet):
            queryset = Patient.objects.filter(archived=True)
        """
    )
    assert {key[0] for key in routed(frag)} == {"PatientViewSet", "ArchivedPatientViewSet"}
