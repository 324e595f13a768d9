resource "azurerm_mssql_firewall_rule" "everyone" {
  name             = "everyone"
  server_id        = azurerm_mssql_server.main.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255" # ruleid: TD-I026
}

resource "azurerm_mssql_firewall_rule" "azure_services" {
  name             = "AllowAzureServices"
  server_id        = azurerm_mssql_server.main.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0" # ok: TD-I026
}

resource "google_sql_database_instance" "reports" {
  database_version = "POSTGRES_15"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled = true
      authorized_networks {
        name  = "anywhere"
        value = "0.0.0.0/0" # ruleid: TD-I026
      }
    }
  }
}

resource "google_sql_database_instance" "private" {
  database_version = "POSTGRES_15"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled = false
      authorized_networks {
        value = "0.0.0.0/0" # ok: TD-I026
      }
    }
  }
}
