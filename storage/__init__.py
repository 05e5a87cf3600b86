"""The OCMW's records in its database: the engine and its migrations, the tables (its identity, its
persons, dossiers, decisions and GPMI contracts, consents, the requests it sent and answered, the
accounts and sessions of its pages), the append-only audit log, the imports that fill it, and the
records read as the ESV model. The exchange, the pages and the commands reach the tables only
through this package."""
