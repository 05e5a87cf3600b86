"""The months a retention may be (``storage.retention``), apart so that ``ocmw db set-retention --help``
names them without loading the database."""

FEWEST_MONTHS, MOST_MONTHS = 1, 1200
