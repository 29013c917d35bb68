"""Running CCHC in production: `cchc serve` and `cchc worker`, the health addresses, the log lines with their
request id, the database at start-up, backups (docs/decisions/0028-production-serving.md)."""
