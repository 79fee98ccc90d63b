"""Reading a question: text as people type it → the typed question it asks (no database)."""
