from rest_framework import viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import IsAuthenticated

from .models import Comment, Order, Report


class CsrfExemptSessionAuthentication(SessionAuthentication):
    # ruleid: TD-T009
    def enforce_csrf(self, request):
        return


class CommentViewSet(viewsets.ModelViewSet):
    # ruleid: TD-T009
    authentication_classes = [CsrfExemptSessionAuthentication]
    permission_classes = [IsAuthenticated]
    queryset = Comment.objects.all()


class OrderViewSet(viewsets.ModelViewSet):
    # ok: TD-T009
    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]
    queryset = Order.objects.all()


class ReportViewSet(viewsets.ModelViewSet):
    # a token-only API: browsers do not attach the token on their own
    # ok: TD-T009
    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]
    queryset = Report.objects.all()
