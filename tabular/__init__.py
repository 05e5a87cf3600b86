"""Reading tables that OCMWs export (CSV in the Belgian or international dialect, or XLSX), each
value parsed and every problem named by file, row and column. Used by the statistics and by the
imports of the exchange."""
