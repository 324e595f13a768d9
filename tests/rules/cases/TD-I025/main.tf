resource "azurerm_storage_account" "legacy" {
  name                      = "clinicLegacy"
  resource_group_name       = azurerm_resource_group.main.name
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  enable_https_traffic_only = false # ruleid: TD-I025
  min_tls_version           = "TLS1_0" # ruleid: TD-I025
}

resource "azurerm_storage_account" "current" {
  name                       = "clinicCurrent"
  resource_group_name        = azurerm_resource_group.main.name
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = true # ok: TD-I025
  min_tls_version            = "TLS1_2" # ok: TD-I025
}
