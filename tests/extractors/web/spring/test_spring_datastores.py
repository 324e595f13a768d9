"""Golden tests: Spring Data entities, repositories and the stores handlers reach."""

from __future__ import annotations

import textwrap
from pathlib import Path

from spring_helpers import extract

from threatdelta.model import DataClass
from threatdelta.pipeline import scan

ENTITY_PATH = "bank/src/main/java/com/example/bank/model/Customer.java"
REPO_PATH = "bank/src/main/java/com/example/bank/repo/CustomerRepository.java"
CONTROLLER_PATH = "bank/src/main/java/com/example/bank/web/CustomerController.java"

ENTITY = """
    package com.example.bank.model;

    @Entity
    @Table(name = "bank_customers")
    public class Customer {
        @Id private Long id;
        @Column(name = "email_address") private String email;
        private String passwordHash;
        @Transient private String displayCache;
        private static final long serialVersionUID = 1L;
    }
    """

REPOSITORY = """
    package com.example.bank.repo;

    import com.example.bank.model.Customer;
    import org.springframework.data.jpa.repository.JpaRepository;

    public interface CustomerRepository extends JpaRepository<Customer, Long> {
    }
    """

CONTROLLER = """
    package com.example.bank.web;

    import com.example.bank.repo.CustomerRepository;

    @RestController
    class CustomerController {
        private final CustomerRepository customers;

        CustomerController(CustomerRepository customers) { this.customers = customers; }

        @GetMapping("/customers/{id}")
        Object get(@PathVariable Long id) {
            return customers.findById(id);
        }

        @GetMapping("/ping")
        String ping() { return "pong"; }
    }
    """


def test_entity_with_table_and_columns_is_a_sql_store_named_by_its_table() -> None:
    fragment = extract(ENTITY, ENTITY_PATH)
    [store] = fragment.datastores
    assert store.key == "datastore:sql:bank_customers"
    assert store.fields == ("id", "email_address", "password_hash")
    assert DataClass.CREDENTIALS in store.data_classes
    [symbol] = fragment.store_symbols
    assert (symbol.symbol.name, symbol.datastore) == ("Customer", store.key)


def test_entity_without_table_uses_the_snake_case_class_name_and_a_document_its_collection() -> (
    None
):
    fragment = extract(
        """
        @Entity
        class LedgerEntry { private Long id; private long amountCents; }

        @Document(collection = "audit_events")
        class AuditEvent { private String actor; }
        """,
        ENTITY_PATH,
    )
    assert [s.key for s in fragment.datastores] == [
        "datastore:sql:ledger_entry",
        "datastore:mongodb:audit_events",
    ]
    assert fragment.datastores[0].fields == ("id", "amount_cents")


def test_repository_stands_for_its_entity_through_an_entity_reference() -> None:
    [symbol] = extract(REPOSITORY, REPO_PATH).store_symbols
    assert symbol.symbol.name == "CustomerRepository"
    assert symbol.datastore == "entity:com/example/bank/model/Customer#Customer"


def test_handler_calling_a_repository_field_records_a_store_access() -> None:
    fragment = extract(CONTROLLER, CONTROLLER_PATH)
    [access] = fragment.store_accesses
    assert access.symbol.name == "CustomerRepository"
    assert access.symbol.module == "com/example/bank/repo/CustomerRepository"
    assert access.handler.start_line == 11
    assert access.evidence[0].location.start_line == 13


def _write(root: Path, path: str, body: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")


def test_linker_gives_a_flow_from_the_endpoint_to_the_entitys_table(tmp_path: Path) -> None:
    for path, body in (
        (ENTITY_PATH, ENTITY),
        (REPO_PATH, REPOSITORY),
        (CONTROLLER_PATH, CONTROLLER),
    ):
        _write(tmp_path, path, body)
    model = scan(tmp_path).model
    flows = [(f.source, f.target) for f in model.flows if f.target.startswith("datastore:")]
    assert flows == [("endpoint:GET /customers/{id}", "datastore:sql:bank_customers")]


def test_rest_template_call_to_a_public_host_gives_an_external_service_flow(
    tmp_path: Path,
) -> None:
    _write(
        tmp_path,
        "pay/src/main/java/com/example/pay/PaymentController.java",
        """
        @RestController
        class PaymentController {
            @PostMapping("/payments")
            String pay(@RequestParam String amount) {
                return restTemplate.postForObject(
                    "https://api.stripe.com/v1/charges", amount, String.class);
            }
        }
        """,
    )
    model = scan(tmp_path).model
    assert "external:api.stripe.com" in {x.key for x in model.externals}
    flows = {(f.source, f.target) for f in model.flows}
    assert ("endpoint:POST /payments", "external:api.stripe.com") in flows
