"""Site search: one service over films, people and published reviews (``search.service``)."""
