"""One module per fix family (see `remediation.base.FixFamily`)."""
