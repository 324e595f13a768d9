resource "google_compute_firewall" "ssh" {
  name          = "clinic-ssh"
  network       = "default"
  source_ranges = var.ssh_allowed_cidrs # ruleid: TD-I016
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

variable "ssh_allowed_cidrs" {
  description = "Source address ranges allowed in (no default: set it per environment)."
  type        = list(string)
}
