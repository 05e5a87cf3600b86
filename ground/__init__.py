"""The Belgian basics every part of the toolkit stands on: days and periods as people write them,
INSZ/NISS and KBO/BCE numbers, amounts and numbers written the Belgian way, the two languages.

Each module is shaped like a python-stdnum module: ``validate`` returns the value in its one form or
raises a kind of ``ground.errors.InvalidValue``; ``is_valid`` says yes or no; ``format`` writes the
value as people read it."""
