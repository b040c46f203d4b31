"""Import a review written in the house style: ``house_style`` reads the text (no Django),
``services`` matches it against the database and saves it, ``views`` is the admin's page."""
