# ruleid: TD-I018
resource "aws_db_instance" "patients" {
  storage_encrypted       = true
  identifier              = "patients"
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  publicly_accessible     = false
  backup_retention_period = 7
}
