resource "aws_kms_key" "exports" {
  description         = "exports"
  enable_key_rotation = false # ruleid: TD-T013
}

# ruleid: TD-T013
resource "aws_kms_key" "unset" {
  description = "defaults to no rotation"
}

resource "aws_kms_key" "rotated" {
  enable_key_rotation = true # ok: TD-T013
}

# ok: TD-T013
resource "aws_kms_key" "signing" {
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
}

# ruleid: TD-T013
resource "google_kms_crypto_key" "unrotated" {
  name     = "orders"
  key_ring = google_kms_key_ring.main.id
}

# ok: TD-T013
resource "google_kms_crypto_key" "rotated" {
  name            = "payments"
  key_ring        = google_kms_key_ring.main.id
  rotation_period = "7776000s"
}
