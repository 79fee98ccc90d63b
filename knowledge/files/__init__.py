"""Files made for people: charts (PNG) and the budget lines as CSV or XLSX."""
