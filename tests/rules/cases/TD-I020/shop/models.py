from django.db import models


class Customer(models.Model):
    email = models.EmailField()
    password_hash = models.CharField(max_length=128)


class Category(models.Model):
    title = models.CharField(max_length=80)
