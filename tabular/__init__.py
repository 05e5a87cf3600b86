"""Reading tables that OCMWs export (CSV in the Belgian or international dialect, or XLSX), each
value parsed and every problem named by file, row and column; and numbers written the Belgian way.
Used by the statistics, the imports of the exchange and the annual report."""
