"""The annual report's (Uniek Jaarverslag) subsidy parts: the computed fields and the refusals of
the manuals, from the tables an OCMW fills in."""
