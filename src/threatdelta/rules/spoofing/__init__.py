"""Rules whose primary STRIDE category is spoofing."""
