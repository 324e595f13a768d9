"""Where the sort-column allow-list comes from (`sql_columns.known_columns`): the table's
entity first, else the columns the repository's own SQL names on that table; statements over
several tables, keywords and one-letter names give nothing."""

from __future__ import annotations

from threatdelta.model.base import Evidence, Location
from threatdelta.model.elements import DataStore
from threatdelta.model.threat_model import ThreatModel
from threatdelta.remediation.families.sql_columns import known_columns
from threatdelta.remediation.families.sql_order_by import default

MAPPER = 'String sql = "SELECT id, amount FROM payments WHERE account_id = ? AND x = ?";'


def _model(*stores: DataStore) -> ThreatModel:
    return ThreatModel(datastores=stores)


def test_entity_fields_are_the_columns_when_the_model_knows_the_table() -> None:
    store = DataStore(
        kind_of="sql",
        name="Payments",
        fields=("id", "booked_on", "amount_cents"),
        evidence=(Evidence(location=Location(path="Payment.java", start_line=1, end_line=1)),),
    )
    columns = known_columns(_model(store), {"Mapper.java": MAPPER}, "payments")
    assert columns == ("id", "booked_on", "amount_cents")


def test_repository_sql_names_the_columns_without_an_entity() -> None:
    files = {
        "Mapper.java": MAPPER,
        "Other.java": 'q("UPDATE payments SET state = ? WHERE id = ?"); q("SELECT * FROM refunds")',
    }
    columns = known_columns(_model(), files, "payments")
    assert columns == ("id", "amount", "account_id", "state")
    assert default(columns) == "id"


def test_joined_statements_and_other_tables_give_no_columns() -> None:
    files = {
        "Join.java": '"SELECT p.id FROM payments p JOIN refunds r ON r.pid = p.id WHERE p.id = ?"',
        "Other.java": '"SELECT id, name FROM owners WHERE name = ?"',
    }
    assert known_columns(_model(), files, "payments") == ()
