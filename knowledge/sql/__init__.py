"""People's own read-only SQL: the checker, the sandbox and its worker processes, /sql and /schema."""
