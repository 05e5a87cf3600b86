"""The exchange of electronic social reports between OCMWs: an OCMW's records in a database, the
responder that answers requests automatically, and the requester. It sits on top of ``esv`` and
only calls it: the format, its checks, the disclosure rule and the signatures live there."""
