resource "google_storage_bucket" "scans" {
  name     = "clinic-scans"
  location = "EU"
}

resource "google_storage_bucket" "other" {
  name     = "clinic-other"
  location = "EU"
}
