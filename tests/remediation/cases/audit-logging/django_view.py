import logging

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import Note

log = logging.getLogger(__name__)


# ruleid: TD-R001
@require_POST
@login_required
def archive_note(request, pk):
    Note.objects.filter(pk=pk).update(archived=True)
    return JsonResponse({"archived": pk})
