"""The optional LLM analyst: bounded context, redaction, injection scanning, prompts."""
