"""Rules whose primary STRIDE category is elevation of privilege."""
