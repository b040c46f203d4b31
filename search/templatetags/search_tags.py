from django import template

register = template.Library()


@register.filter
def initials(name: str) -> str:
    """The first letters of a name's first and last words: "Ana de Armas" → "AA", for a
    headshot's placeholder."""
    words = [word for word in str(name).split() if word[0].isalnum()]
    if not words:
        return ""
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()
