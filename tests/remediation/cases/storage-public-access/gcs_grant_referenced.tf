resource "google_storage_bucket" "scans" {
  name     = "clinic-scans"
  location = "EU"
}

resource "google_storage_bucket_iam_member" "scans_public" {
  bucket = google_storage_bucket.scans.name
  role   = "roles/storage.objectViewer"
  member = "allUsers" # ruleid: TD-I009
}

output "public_grant" {
  value = google_storage_bucket_iam_member.scans_public.etag
}
