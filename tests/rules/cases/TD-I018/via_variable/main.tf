resource "aws_rds_cluster" "events" {
  cluster_identifier = "clinic-events"
  engine             = "aurora-mysql"
  storage_encrypted  = var.encrypt_events # ruleid: TD-I018
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier = "clinic-ledger"
  engine             = "aurora-mysql"
  storage_encrypted  = var.encrypt_ledger # ok: TD-I018
}
