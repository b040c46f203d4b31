"""Demo critics, invented for Marquee: the names on the demo's bylines."""

AUTHORS = {
    "Nora Castellan": "Nora Castellan has written about action cinema and its stunt teams for "
    "fifteen years. She keeps a list of every staircase fight ever filmed and will not say "
    "which is the best.",
    "Tomás Ferreira": "Tomás Ferreira reviews comedies, thrillers and anything shot on 35mm. "
    "Before Marquee he ran a repertory cinema in Porto, where he still programmes the "
    "midnight screenings.",
}
