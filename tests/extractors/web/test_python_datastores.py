"""Data stores declared by Python modules (ORM model classes, table objects, redis and
mongo clients) and the store accesses of handlers, one idiom per test."""

from __future__ import annotations

from python_web_helpers import extract

from threatdelta.model import (
    DataClass,
    DataStore,
    EvidenceRole,
    ModelFragment,
    StoreAccess,
    SymbolRef,
)


def _stores(fragment: ModelFragment) -> dict[str, DataStore]:
    return {s.key: s for s in fragment.datastores}


def _symbols(fragment: ModelFragment) -> dict[str, str]:
    return {f"{s.symbol.module}:{s.symbol.name}": s.datastore for s in fragment.store_symbols}


def _accessed(fragment: ModelFragment) -> list[tuple[int, str, str, int]]:
    """(handler line, symbol module, symbol name, first evidence line) of every access."""
    return [
        (a.handler.start_line, a.symbol.module, a.symbol.name, a.evidence[0].location.start_line)
        for a in fragment.store_accesses
    ]


def test_flask_sqlalchemy_model_with_tablename_is_a_sql_store_with_data_classes() -> None:
    fragment = extract(
        """
        from clinic.extensions import db

        class Patient(db.Model):
            __tablename__ = "patients"
            id = db.Column(db.Integer, primary_key=True)
            email = db.Column(db.String(254))
            diagnosis = db.Column(db.Text)
            visits = db.relationship("Visit")

            def to_dict(self):
                return {"id": self.id}
        """,
        "clinic/models.py",
    )
    store = _stores(fragment)["datastore:sql:patients"]
    assert store.fields == ("id", "email", "diagnosis")
    assert store.data_classes == (DataClass.PII, DataClass.HEALTH)
    [evidence] = store.evidence
    assert (evidence.location.path, evidence.location.start_line, evidence.location.end_line) == (
        "clinic/models.py",
        4,
        12,
    )
    assert evidence.role is EvidenceRole.PRIMARY
    assert _symbols(fragment) == {"clinic/models:Patient": "datastore:sql:patients"}


def test_model_without_tablename_gets_the_flask_sqlalchemy_snake_case_name() -> None:
    fragment = extract(
        """
        from app import db

        class UserRole(db.Model):
            id = db.Column(db.Integer, primary_key=True)

        class HTTPSession(db.Model):
            token = db.Column(db.String(64))
        """
    )
    assert set(_stores(fragment)) == {"datastore:sql:user_role", "datastore:sql:http_session"}
    assert _stores(fragment)["datastore:sql:http_session"].data_classes == (DataClass.TOKENS,)


def test_sqlalchemy_2_declarative_base_with_mapped_annotations() -> None:
    fragment = extract(
        """
        from sqlalchemy import String
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

        class Base(DeclarativeBase):
            pass

        class Account(Base):
            __tablename__ = "accounts"
            id: Mapped[int] = mapped_column(primary_key=True)
            iban: Mapped[str] = mapped_column(String(34))
            password_hash: Mapped[str]
            owner: Mapped["User"] = relationship(back_populates="accounts")
        """
    )
    assert list(_stores(fragment)) == ["datastore:sql:accounts"]
    store = _stores(fragment)["datastore:sql:accounts"]
    assert store.fields == ("id", "iban", "password_hash")
    assert store.data_classes == (DataClass.CREDENTIALS, DataClass.PAYMENT)


def test_sqlmodel_table_class_is_a_store_and_its_schema_classes_are_not() -> None:
    fragment = extract(
        """
        from sqlmodel import Field, SQLModel

        class HeroBase(SQLModel):
            name: str
            secret_name: str

        class SuperHero(HeroBase, table=True):
            id: int | None = Field(default=None, primary_key=True)
            phone: str

        class HeroCreate(HeroBase):
            pass
        """
    )
    assert list(_stores(fragment)) == ["datastore:sql:superhero"]
    store = _stores(fragment)["datastore:sql:superhero"]
    assert store.fields == ("name", "secret_name", "id", "phone")
    assert store.data_classes == (DataClass.PII, DataClass.SECRETS)


def test_django_models_use_the_app_label_db_table_and_abstract_base_columns() -> None:
    fragment = extract(
        """
        from django.db import models

        class Stamped(models.Model):
            created_by_email = models.EmailField()
            class Meta:
                abstract = True

        class Invoice(Stamped):
            card_number = models.CharField(max_length=19)
            customer = models.ForeignKey("Customer", on_delete=models.CASCADE)
            tags = models.ManyToManyField("Tag")

        class Customer(models.Model):
            name = models.CharField(max_length=80)
            class Meta:
                db_table = "crm_customers"
        """,
        "shop/billing/models.py",
    )
    stores = _stores(fragment)
    assert set(stores) == {"datastore:sql:billing_invoice", "datastore:sql:crm_customers"}
    invoice = stores["datastore:sql:billing_invoice"]
    assert invoice.fields == ("created_by_email", "card_number", "customer")
    assert invoice.data_classes == (DataClass.PII, DataClass.PAYMENT)


def test_django_models_package_takes_the_label_of_the_enclosing_app() -> None:
    fragment = extract(
        """
        from django.db import models

        class Visit(models.Model):
            notes = models.TextField()
        """,
        "clinic/records/models/visit.py",
    )
    assert list(_stores(fragment)) == ["datastore:sql:records_visit"]


def test_single_table_subclass_shares_its_parents_table() -> None:
    fragment = extract(
        """
        from app import db

        class Person(db.Model):
            __tablename__ = "people"
            id = db.Column(db.Integer, primary_key=True)

        class Employee(Person):
            salary_iban = db.Column(db.String(34))
        """
    )
    assert [(s.key, s.fields) for s in fragment.datastores] == [
        ("datastore:sql:people", ("id",)),
        ("datastore:sql:people", ("salary_iban",)),
    ]
    assert _symbols(fragment)["app:Employee"] == "datastore:sql:people"


def test_sqlalchemy_table_objects_are_stores() -> None:
    fragment = extract(
        """
        from sqlalchemy import Column, Integer, MetaData, String, Table
        metadata = MetaData()
        api_keys = Table("api_keys", metadata, Column("id", Integer), Column("token", String))
        """
    )
    store = _stores(fragment)["datastore:sql:api_keys"]
    assert store.fields == ("id", "token")
    assert store.data_classes == (DataClass.TOKENS,)
    assert _symbols(fragment) == {"app:api_keys": "datastore:sql:api_keys"}


def test_classes_that_only_look_like_models_are_not_stores() -> None:
    fragment = extract(
        """
        import tensorflow as tf
        from pydantic import BaseModel
        from sqlalchemy import Column, String
        from rich.table import Table

        class Login(BaseModel):
            email: str
            password: str

        class Net(tf.keras.Model):
            units = 3

        class AuditMixin:
            created_by = Column(String)

        class Abstract(db.Model):
            __abstract__ = True
            token = Column(String)

        report = Table("Users", "email")
        """
    )
    assert fragment.datastores == ()
    assert fragment.store_symbols == ()


def test_redis_client_at_module_level_is_a_redis_store() -> None:
    fragment = extract(
        """
        import redis
        from redis import asyncio as aioredis

        sessions = redis.Redis(host="cache", port=6379)
        limits = aioredis.from_url("redis://cache")
        """
    )
    assert set(_stores(fragment)) == {"datastore:redis:sessions", "datastore:redis:limits"}
    assert _stores(fragment)["datastore:redis:sessions"].evidence[0].location.start_line == 5


def test_mongo_client_store_is_named_by_its_database_and_collections_stand_for_it() -> None:
    fragment = extract(
        """
        from pymongo import MongoClient

        client = MongoClient("mongodb://db:27017")
        db = client["clinic"]
        patients = db.patients
        other = MongoClient("mongodb://other")
        """
    )
    assert set(_stores(fragment)) == {"datastore:mongodb:clinic", "datastore:mongodb:other"}
    assert _symbols(fragment) == {
        "app:db": "datastore:mongodb:clinic",
        "app:client": "datastore:mongodb:clinic",
        "app:patients": "datastore:mongodb:clinic",
        "app:other": "datastore:mongodb:other",
    }


def test_handler_uses_of_models_in_every_orm_idiom_are_accesses() -> None:
    fragment = extract(
        """
        from flask import Blueprint, HTTPException, request
        from sqlalchemy import select
        from . import models
        from .models import Patient, Visit, Note, Invoice
        from .extensions import db
        bp = Blueprint("p", __name__)

        @bp.get("/a")
        def a():
            return Patient.query.get_or_404(1)

        @bp.get("/b")
        def b():
            rows = db.session.execute(select(Visit.id, Visit.date)).all()
            return db.session.query(models.Room).count()

        @bp.post("/c")
        def c():
            note = Note(**request.json)
            db.session.add(note)
            raise HTTPException()

        @bp.get("/d")
        def d():
            return db.session.get(Invoice, 3)

        @bp.get("/e")
        def e():
            return {"ok": True}
        """,
        "clinic/api/patients.py",
    )
    assert _accessed(fragment) == [
        (9, "clinic/api/models", "Patient", 11),
        (13, "clinic/api/models", "Visit", 15),
        (13, "clinic/api/models", "Room", 16),
        (18, "clinic/api/models", "Note", 20),
        (24, "clinic/api/models", "Invoice", 26),
    ]


def test_django_manager_and_local_model_are_accesses_to_this_module() -> None:
    fragment = extract(
        """
        from fastapi import APIRouter
        from django.db import models
        router = APIRouter()

        class Order(models.Model):
            total = models.IntegerField()

        @router.get("/orders")
        def orders():
            return list(Order.objects.filter(total__gt=0))
        """,
        "shop/orders.py",
    )
    [access] = fragment.store_accesses
    assert access.symbol == SymbolRef(module="shop/orders", name="Order")
    assert _symbols(fragment)["shop/orders:Order"] == "datastore:sql:shop_order"


def test_a_helper_called_by_the_handler_counts_with_the_call_site_as_caller() -> None:
    fragment = extract(
        """
        from flask import Flask, request
        from .models import User
        app = Flask(__name__)

        def find_user(email):
            return User.query.filter_by(email=email).first()

        @app.post("/login")
        def login():
            user = find_user(request.json["email"])
            return {"id": user.id}
        """
    )
    [access] = fragment.store_accesses
    assert (access.handler.start_line, access.symbol.name) == (9, "User")
    assert [(e.location.start_line, e.role) for e in access.evidence] == [
        (7, EvidenceRole.PRIMARY),
        (11, EvidenceRole.CALLER),
    ]


def test_redis_and_mongo_calls_in_a_handler_are_accesses() -> None:
    fragment = extract(
        """
        from fastapi import FastAPI
        from .cache import sessions
        from .db import mongo
        from .helpers import format_name
        app = FastAPI()

        @app.post("/logout")
        def logout(sid: str):
            sessions.delete(sid)
            mongo.audit.insert_one({"sid": sid})
            return format_name(sid)
        """
    )
    assert [(a.symbol.module, a.symbol.name) for a in fragment.store_accesses] == [
        ("cache", "sessions"),
        ("db", "mongo"),
    ]


def test_accesses_are_only_recorded_for_handlers_not_for_other_functions() -> None:
    fragment = extract(
        """
        from .models import Patient

        def report():
            return Patient.query.count()
        """
    )
    assert fragment.store_accesses == ()


def test_odd_model_bodies_do_not_crash_and_keep_what_is_readable() -> None:
    fragment = extract(
        """
        from app import db

        class Weird(db.Model):
            __tablename__ = compute_name()
            a, b = db.Column(db.Integer), db.Column(db.Integer)
            (c) = db.Column(db.String)
            db.Column(db.String)
            x: int

        class Empty(db.Model):
            pass
        """
    )
    assert [(s.key, s.fields) for s in fragment.datastores] == [("datastore:sql:weird", ("c",))]
    assert isinstance(fragment.store_accesses, tuple)
    assert all(isinstance(a, StoreAccess) for a in fragment.store_accesses)
