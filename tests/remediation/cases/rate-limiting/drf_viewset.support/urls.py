from rest_framework.routers import DefaultRouter

from . import drf_viewset

router = DefaultRouter()
router.register(r"clinics", drf_viewset.ClinicViewSet)
urlpatterns = router.urls
