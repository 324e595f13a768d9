from rest_framework.routers import DefaultRouter

from . import drf_create_viewset

router = DefaultRouter()
router.register(r"notes", drf_create_viewset.NoteViewSet, basename="note")
urlpatterns = router.urls
