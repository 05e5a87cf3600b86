"""The ``ocmw`` commands, one module per top-level command (``ocmw esv`` has a folder: it reads and
writes documents, and asks and lists). Each parses its options, calls the library and prints; no
rule lives here. What they share is defined once: the options (``options``), the way results,
warnings and errors are printed (``output``), and opening the OCMW's database (``database``)."""
