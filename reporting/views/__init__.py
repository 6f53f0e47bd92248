"""The pages of reporting, a module for each: rounds and the status board, windows, the M6
report, the five-band summaries and the workbook."""
