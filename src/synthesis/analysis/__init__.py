"""Analysis over the store: frequencies, KWIC, matrices, co-occurrence, timelines, networks."""
