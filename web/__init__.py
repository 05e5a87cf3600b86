"""The web pages of an OCMW, served by ``ocmw serve`` beside the responder: the lists of ESV
requests and answers, a new request, the report view with its GPMI contract, the GPMI statistics,
and the users who may see them. They sit on top of ``exchange``, ``esv`` and ``gpmi_stats`` and
only call them: no rule of the exchange or the statistics lives here."""
