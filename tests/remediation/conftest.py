"""Puts tests/remediation on sys.path so family tests anywhere below can
`from harness import run_case`."""
