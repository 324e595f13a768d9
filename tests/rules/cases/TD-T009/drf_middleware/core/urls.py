from rest_framework.routers import SimpleRouter

from board.views import TopicViewSet

router = SimpleRouter()
router.register("topics", TopicViewSet)
urlpatterns = router.urls
