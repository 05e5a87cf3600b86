"""One module per screen; each gives a ``router``."""
