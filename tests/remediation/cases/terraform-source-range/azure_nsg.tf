resource "azurerm_network_security_group" "app" {
	name                = "clinic-app"
	resource_group_name = "clinic"
	location            = "westeurope"

	security_rule {
		name                       = "rdp"
		priority                   = 100
		direction                  = "Inbound"
		access                     = "Allow"
		protocol                   = "Tcp"
		source_port_range          = "*"
		destination_port_range     = "3389"
		source_address_prefix      = "Internet" # ruleid: TD-I016
		destination_address_prefix = "*"
	}
}
