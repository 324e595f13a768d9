from rest_framework import serializers

from .models import Category, Customer


class CustomerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Customer
        # ruleid: TD-I020
        fields = "__all__"


class CustomerPublicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Customer
        # ok: TD-I020
        fields = ["id"]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        # ok: TD-I020
        fields = "__all__"
