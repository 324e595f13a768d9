import logging

from rest_framework import viewsets

from .models import Patient
from .serializers import PatientSerializer

log = logging.getLogger(__name__)


# The create, update and destroy actions are inherited: there is no body to log in.
# ruleid: TD-R001
class PatientViewSet(viewsets.ModelViewSet):
    serializer_class = PatientSerializer
    queryset = Patient.objects.all()
