resource "google_storage_bucket" "scans" {
  name     = "clinic-scans"
  location = "EU"
}

# Public scans for the partner portal.
resource "google_storage_bucket_iam_member" "scans_public" {
  bucket = google_storage_bucket.scans.name
  role   = "roles/storage.objectViewer"
  member = "allUsers" # ruleid: TD-I009
}

resource "google_storage_bucket" "other" {
  name     = "clinic-other"
  location = "EU"
}
