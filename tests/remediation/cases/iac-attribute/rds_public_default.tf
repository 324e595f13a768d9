variable "db_public" {
  type    = bool
  default = true
}

resource "aws_db_instance" "patients" {
  identifier              = "patients"
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  storage_encrypted       = true
  publicly_accessible     = var.db_public # ruleid: TD-I017
  backup_retention_period = 7
}
