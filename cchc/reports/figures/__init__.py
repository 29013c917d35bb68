"""Layer 1 of the reports: figures as plain numbers, computed in the database. Nothing is formatted here."""
