resource "azurerm_network_security_rule" "ssh" {
  name                        = "ssh"
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*" # ruleid: TD-I016
  destination_port_range      = "22"
  destination_address_prefix  = "*"
  network_security_group_name = azurerm_network_security_group.app.name
}

resource "azurerm_network_security_rule" "https" {
  name                        = "https"
  direction                   = "Inbound"
  access                      = "Allow"
  source_address_prefix       = "Internet" # ok: TD-I016
  destination_port_range      = "443"
  network_security_group_name = azurerm_network_security_group.app.name
}

resource "azurerm_network_security_group" "db" {
  name = "db"
  security_rule {
    name                   = "postgres"
    direction              = "Inbound"
    access                 = "Allow"
    source_address_prefix  = "Internet" # ruleid: TD-I016
    destination_port_range = "5432"
  }
  security_rule {
    name                   = "office"
    direction              = "Inbound"
    access                 = "Allow"
    source_address_prefix  = "203.0.113.0/24" # ok: TD-I016
    destination_port_range = "5432"
  }
}

resource "google_compute_firewall" "rdp" {
  name          = "rdp"
  network       = google_compute_network.main.name
  source_ranges = ["0.0.0.0/0"] # ruleid: TD-I016
  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}

resource "google_compute_firewall" "internal" {
  name          = "internal"
  network       = google_compute_network.main.name
  source_ranges = ["10.0.0.0/8"] # ok: TD-I016
  allow {
    protocol = "all"
  }
}
