resource "google_sql_database_instance" "legacy" {
  database_version = "MYSQL_8_0"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ipv4_enabled = true
      require_ssl  = false # ruleid: TD-I027
    }
  }
}

# ruleid: TD-I027
resource "google_sql_database_instance" "defaults" {
  database_version = "POSTGRES_15"
  settings {
    tier = "db-f1-micro"
  }
}

resource "google_sql_database_instance" "strict" {
  database_version = "POSTGRES_15"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ssl_mode = "ENCRYPTED_ONLY" # ok: TD-I027
    }
  }
}

# ok: TD-I027
resource "google_sql_database_instance" "private_only" {
  database_version = "POSTGRES_15"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.main.id
    }
  }
}

resource "azurerm_postgresql_server" "main" {
  name                    = "clinic-pg"
  sku_name                = "B_Gen5_1"
  version                 = "11"
  ssl_enforcement_enabled = false # ruleid: TD-I027
}
