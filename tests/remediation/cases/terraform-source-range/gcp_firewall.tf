resource "google_compute_firewall" "ssh" {
  name          = "clinic-ssh"
  network       = "default"
  source_ranges = ["0.0.0.0/0"] # ruleid: TD-I016
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
