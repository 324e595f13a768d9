resource "google_storage_bucket_iam_member" "public" {
  bucket = google_storage_bucket.exports.name
  role   = "roles/storage.objectViewer"
  member = "allUsers" # ruleid: TD-I009
}

resource "google_storage_bucket_iam_member" "team" {
  bucket = google_storage_bucket.exports.name
  role   = "roles/storage.objectViewer"
  member = "group:analysts@clinic.example" # ok: TD-I009
}

resource "azurerm_storage_account" "open" {
  name                            = "clinicopen"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true # ruleid: TD-I009
}

resource "azurerm_storage_container" "reports" {
  name                  = "reports"
  storage_account_name  = azurerm_storage_account.open.name
  container_access_type = "blob" # ruleid: TD-I009
}

resource "azurerm_storage_container" "private" {
  name                  = "private"
  storage_account_name  = azurerm_storage_account.open.name
  container_access_type = "private" # ok: TD-I009
}
