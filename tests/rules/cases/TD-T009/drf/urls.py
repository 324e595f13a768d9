from rest_framework.routers import SimpleRouter

from api.views import CommentViewSet, OrderViewSet, ReportViewSet

router = SimpleRouter()
router.register("comments", CommentViewSet)
router.register("orders", OrderViewSet)
router.register("reports", ReportViewSet)
urlpatterns = router.urls
