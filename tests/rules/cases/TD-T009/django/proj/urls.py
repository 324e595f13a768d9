from django.urls import path

from shop import views

urlpatterns = [
    path("cart/", views.update_cart),
    path("hooks/payment/", views.payment_hook),
    path("profile/", views.edit_profile),
]
