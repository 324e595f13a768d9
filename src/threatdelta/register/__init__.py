"""The threat register in the repository: triage decisions, custom threats, rule policy."""
