"""Django and DRF function views, one idiom each."""

from __future__ import annotations

from django_helpers import fragment, kinds, routed

from threatdelta.model import FactKind, Tri


def test_csrf_exempt_view_has_a_csrf_disabled_fact_at_the_decorator() -> None:
    frag = fragment(
        """
        from django.http import HttpResponse
        from django.views.decorators.csrf import csrf_exempt
        from django.views.decorators.http import require_POST

        @csrf_exempt
        @require_POST
        def hook(request):
            return HttpResponse(status=204)
        """
    )
    ep = routed(frag)[("hook", "POST", "")]
    [fact] = [f for f in ep.facts if f.kind is FactKind.CSRF_DISABLED]
    assert (fact.name, fact.location.start_line) == ("csrf_exempt", 6)
    assert ep.authentication is Tri.NO


def test_login_required_view_is_authenticated_by_session() -> None:
    frag = fragment(
        """
        from django.contrib.auth.decorators import login_required
        from django.shortcuts import render

        @login_required
        def dashboard(request):
            return render(request, "dashboard.html")
        """
    )
    found = routed(frag)
    assert set(found) == {("dashboard", "GET", ""), ("dashboard", "POST", "")}
    assert all(ep.authentication is Tri.YES for ep in found.values())
    assert all(ep.auth_schemes == ("session",) for ep in found.values())


def test_api_view_with_allow_any_opens_the_route() -> None:
    frag = fragment(
        """
        from rest_framework.decorators import api_view, permission_classes
        from rest_framework.permissions import AllowAny
        from rest_framework.response import Response

        @api_view(["GET", "POST"])
        @permission_classes([AllowAny])
        def signup(request):
            return Response({"ok": True})
        """
    )
    found = routed(frag)
    assert set(found) == {("signup", "GET", ""), ("signup", "POST", "")}
    post = found[("signup", "POST", "")]
    assert (post.authentication, post.sources) == (Tri.NO, ("drf",))
    assert "DEFAULT_PERMISSION_CLASSES" not in post.guards
    assert "DEFAULT_THROTTLE_CLASSES" in post.guards


def test_query_parameter_in_raw_sql_is_input() -> None:
    frag = fragment(
        """
        from django.db import connection
        from django.http import JsonResponse
        from django.views.decorators.http import require_GET

        @require_GET
        def search(request):
            term = request.GET.get("q")
            cursor = connection.cursor()
            cursor.execute(f"SELECT * FROM notes WHERE body LIKE '%{term}%'")
            return JsonResponse({"rows": cursor.fetchall()})
        """
    )
    ep = routed(frag)[("search", "GET", "")]
    [sql] = [f for f in ep.facts if f.kind is FactKind.SQL_RAW]
    assert (sql.from_input, sql.location.start_line) == (Tri.YES, 10)


def test_get_object_or_404_by_path_id_without_owner_check_is_unauthorised_lookup() -> None:
    frag = fragment(
        """
        from django.http import JsonResponse
        from django.shortcuts import get_object_or_404
        from django.views.decorators.http import require_GET
        from .models import Invoice

        @require_GET
        def invoice(request, pk):
            found = get_object_or_404(Invoice, pk=pk)
            return JsonResponse({"total": found.total})
        """
    )
    ep = routed(frag)[("invoice", "GET", "")]
    assert FactKind.OBJECT_LOOKUP_BY_ID in kinds(ep)
    assert ep.object_authorization is Tri.NO


def test_helper_with_request_outside_a_views_module_is_not_a_view() -> None:
    frag = fragment(
        """
        from django.http import HttpRequest

        def client_ip(request: HttpRequest) -> str:
            return request.META.get("REMOTE_ADDR", "")
        """,
        path="app/net.py",
    )
    assert frag.endpoints == ()


def test_queryset_extra_where_built_from_input_is_raw_sql() -> None:
    frag = fragment(
        """
        from django.http import JsonResponse
        from django.views.decorators.http import require_GET
        from .models import Note

        @require_GET
        def notes(request):
            tag = request.GET["tag"]
            rows = Note.objects.extra(where=[f"tag = '{tag}'"])
            return JsonResponse({"n": rows.count()})
        """
    )
    ep = routed(frag)[("notes", "GET", "")]
    [sql] = [f for f in ep.facts if f.kind is FactKind.SQL_RAW]
    assert (sql.name, sql.from_input, sql.location.start_line) == (
        "Note.objects.extra",
        Tri.YES,
        9,
    )


def test_manager_raw_with_a_formatted_query_is_raw_sql() -> None:
    frag = fragment(
        """
        from django.http import JsonResponse
        from django.views.decorators.http import require_GET
        from .models import Note

        @require_GET
        def by_author(request, author):
            rows = Note.objects.raw("SELECT * FROM notes WHERE author = '%s'" % author)
            return JsonResponse({"n": len(list(rows))})
        """
    )
    ep = routed(frag)[("by_author", "GET", "")]
    [sql] = [f for f in ep.facts if f.kind is FactKind.SQL_RAW]
    assert sql.from_input is Tri.YES


def test_csrf_exempt_on_a_drf_view_is_no_fact_because_drf_checks_csrf_itself() -> None:
    frag = fragment(
        """
        from django.views.decorators.csrf import csrf_exempt
        from rest_framework.decorators import api_view
        from rest_framework.response import Response

        @csrf_exempt
        @api_view(["POST"])
        def ping(request):
            return Response({})
        """
    )
    ep = routed(frag)[("ping", "POST", "")]
    assert FactKind.CSRF_DISABLED not in kinds(ep)


def test_helper_in_a_views_module_that_builds_no_response_is_not_a_view() -> None:
    frag = fragment(
        """
        from django.shortcuts import render

        def client_ip(request):
            return request.META.get("REMOTE_ADDR", "")

        def home(request):
            return render(request, "home.html", {"ip": client_ip(request)})
        """
    )
    assert {key[0] for key in routed(frag)} == {"home"}


def test_unnamed_regex_groups_become_positional_parameters() -> None:
    frag = fragment(
        """
        from django.urls import re_path
        from . import views

        urlpatterns = [re_path(r"^page/(\\d+)/(\\w+)/?$", views.page)]
        """,
        path="app/urls.py",
    )
    [mount] = frag.mounts
    assert mount.prefix == "page/{arg1}/{arg2}"
