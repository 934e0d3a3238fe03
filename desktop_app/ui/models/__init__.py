"""Qt item models over the account list."""
