"""Remediation: fix families propose patches for threats; every patch is proven before it is
shown (`remediation.proof`)."""
