"""The assembly of ``ocmw serve``: the responder and the web pages of one OCMW in one service."""
