resource "azurerm_mssql_server" "main" {
  name                          = "clinic-sql"
  version                       = "12.0"
  public_network_access_enabled = true # ruleid: TD-I017
}

resource "azurerm_postgresql_flexible_server" "private" {
  name                          = "clinic-pg"
  public_network_access_enabled = false # ok: TD-I017
}
