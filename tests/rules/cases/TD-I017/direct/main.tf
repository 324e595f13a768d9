resource "aws_db_instance" "patients" {
  identifier          = "clinic-patients"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  storage_encrypted   = true
  publicly_accessible = true # ruleid: TD-I017
}

resource "aws_rds_cluster_instance" "reporting" {
  cluster_identifier = "clinic-reporting"
  instance_class     = "db.r6g.large"
  # ruleid: TD-I017
  publicly_accessible = true
}

resource "aws_db_instance" "billing" {
  identifier          = "clinic-billing"
  engine              = "mysql"
  storage_encrypted   = true
  publicly_accessible = false # ok: TD-I017
}
