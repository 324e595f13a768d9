from django.db import models


class Product(models.Model):
    title = models.CharField(max_length=80)


class Tag(models.Model):
    label = models.CharField(max_length=40)


class Customer(models.Model):
    email = models.EmailField()
