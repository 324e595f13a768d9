from rest_framework.routers import DefaultRouter

from shop.views import CustomerViewSet, ProductViewSet, TagViewSet

router = DefaultRouter()
router.register("products", ProductViewSet)
router.register("tags", TagViewSet)
router.register("customers", CustomerViewSet)
urlpatterns = router.urls
