"""Rules whose primary STRIDE category is tampering."""
