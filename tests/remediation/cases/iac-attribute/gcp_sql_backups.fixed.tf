resource "google_sql_database_instance" "clinic" {
  name             = "clinic"
  database_version = "POSTGRES_15"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled = true # ruleid: TD-D009
    }
  }
}
