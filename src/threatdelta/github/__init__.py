"""Publishing to GitHub: reviews, the summary comment, the check, the SARIF upload."""
