"""Pull-request scenarios for `threatdelta diff`: a builder and small, realistic apps."""
