data "azurerm_subscription" "current" {}

resource "google_project_iam_member" "ci" {
  project = "clinic-prod"
  role    = "roles/editor" # ruleid: TD-E018
  member  = "serviceAccount:123456789-compute@developer.gserviceaccount.com"
}

resource "google_project_iam_member" "viewer" {
  project = "clinic-prod"
  role    = "roles/storage.objectViewer" # ok: TD-E018
  member  = "user:analyst@clinic.example"
}

resource "azurerm_role_assignment" "ops" {
  principal_id         = var.ops_group_id
  role_definition_name = "Owner" # ruleid: TD-E018
  scope                = data.azurerm_subscription.current.id
}

resource "azurerm_role_assignment" "app" {
  principal_id         = azurerm_user_assigned_identity.app.principal_id
  role_definition_name = "Owner" # ok: TD-E018
  scope                = azurerm_resource_group.app.id
}
