from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.throttling import AnonRateThrottle

from .models import Customer, Product, Tag


# ruleid: TD-D005
class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    queryset = Product.objects.all()


# ok: TD-D005
class TagViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]
    queryset = Tag.objects.all()


# ok: TD-D005
class CustomerViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Customer.objects.all()
