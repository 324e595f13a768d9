resource "aws_db_instance" "patients" {
  identifier        = "clinic-patients"
  engine            = "postgres"
  storage_encrypted = false # ruleid: TD-I018
}

# ruleid: TD-I018
resource "aws_rds_cluster" "reporting" {
  cluster_identifier = "clinic-reporting"
  engine             = "aurora-postgresql"
}

resource "aws_db_instance" "billing" {
  identifier        = "clinic-billing"
  engine            = "mysql"
  storage_encrypted = true # ok: TD-I018
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/abc"
}

# ok: TD-I018
resource "aws_db_instance" "billing_replica" {
  identifier          = "clinic-billing-replica"
  replicate_source_db = aws_db_instance.billing.identifier
}
