"""Rules whose primary STRIDE category is repudiation."""
