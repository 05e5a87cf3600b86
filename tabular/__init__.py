"""Tables in and out. In: the tables OCMWs export (CSV in the Belgian or international dialect, or
XLSX), found as spreadsheets leave them (below a title, on the sheet that holds them, under Dutch or
French column names), each value parsed and every problem named by file, row and column. Out:
tables for the terminal that fit its width. Used by the statistics, the imports and lists of the
exchange and the annual report."""
