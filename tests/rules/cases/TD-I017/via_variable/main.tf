resource "aws_db_instance" "analytics" {
  identifier          = "clinic-analytics"
  engine              = "postgres"
  storage_encrypted   = true
  publicly_accessible = var.analytics_public # ruleid: TD-I017
}

resource "aws_db_instance" "audit" {
  identifier          = "clinic-audit"
  engine              = "postgres"
  storage_encrypted   = true
  publicly_accessible = var.audit_public # ok: TD-I017
}
