from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.throttling import AnonRateThrottle

from .models import Clinic
from .serializers import ClinicSerializer


# ruleid: TD-D005
class ClinicViewSet(viewsets.ReadOnlyModelViewSet):
    throttle_classes = [AnonRateThrottle]
    permission_classes = [AllowAny]
    queryset = Clinic.objects.all()
    serializer_class = ClinicSerializer
