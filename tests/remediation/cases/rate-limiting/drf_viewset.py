from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from .models import Clinic
from .serializers import ClinicSerializer


# ruleid: TD-D005
class ClinicViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    queryset = Clinic.objects.all()
    serializer_class = ClinicSerializer
