import logging

from rest_framework import mixins, viewsets

from .models import Note
from .serializers import NoteSerializer

log = logging.getLogger(__name__)


# The create action is inherited: the patch overrides its perform_create hook.
# ruleid: TD-R001
class NoteViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = NoteSerializer

    def get_queryset(self):
        return Note.objects.filter(owner=self.request.user)
