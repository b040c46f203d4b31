"""Site search moved to the ``search`` app; this keeps ``core.search.search()`` working for
code written against it. New code imports ``search.service``."""

from search.service import ResultGroup, SearchResults, Suggestion, search, suggest
from search.text import clean_query

__all__ = ["ResultGroup", "SearchResults", "Suggestion", "clean_query", "search", "suggest"]
