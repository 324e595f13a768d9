"""Rules whose primary STRIDE category is denial of service."""
