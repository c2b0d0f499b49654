"""The encrypted local vault. No Qt here (a test enforces it)."""
