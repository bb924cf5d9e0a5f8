"""Exchange: REFI-QDA import/export and tabular exports."""
