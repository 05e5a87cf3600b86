"""Reading tables that OCMWs export (CSV in the Belgian or international dialect, or XLSX), each
value parsed and every problem named by file, row and column; numbers written the Belgian way; and
tables for the terminal that fit its width. Used by the statistics, the imports and lists of the
exchange and the annual report."""
