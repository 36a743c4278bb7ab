"""Self-check for enterprises: the interview and the web service with its page."""
