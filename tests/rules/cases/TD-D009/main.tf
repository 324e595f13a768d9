variable "retention" {
  default = 0
}

resource "aws_db_instance" "orders" {
  engine                  = "postgres"
  backup_retention_period = 0 # ruleid: TD-D009
}

resource "aws_rds_cluster" "ledger" {
  engine = "aurora-postgresql"
  # ruleid: TD-D009
  backup_retention_period = var.retention
}

resource "aws_db_instance" "replica" {
  replicate_source_db     = aws_db_instance.orders.identifier
  backup_retention_period = 0 # ok: TD-D009
}

resource "aws_db_instance" "kept" {
  backup_retention_period = 7 # ok: TD-D009
}

resource "google_sql_database_instance" "main" {
  database_version = "POSTGRES_15"
  settings {
    tier = "db-f1-micro"
    backup_configuration {
      enabled = false # ruleid: TD-D009
    }
  }
}

resource "google_sql_database_instance" "backed_up" {
  settings {
    backup_configuration {
      enabled = true # ok: TD-D009
    }
  }
}
