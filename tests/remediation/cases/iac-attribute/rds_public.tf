resource "aws_db_instance" "patients" {
  identifier          = "patients"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  storage_encrypted   = true
  publicly_accessible = true # ruleid: TD-I017
  # ruleid: TD-D009
  backup_retention_period = 0
}
