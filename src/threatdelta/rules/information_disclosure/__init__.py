"""Rules whose primary STRIDE category is information disclosure."""
