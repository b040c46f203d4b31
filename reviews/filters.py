from decimal import Decimal

import django_filters

from reviews.models import RATINGS, Review, stars


class ReviewFilter(django_filters.FilterSet):
    rating = django_filters.ChoiceFilter(
        label="Rating",
        choices=[(str(rating), f"{stars(rating)} or more") for rating in reversed(RATINGS)],
        method="filter_rating",
        empty_label="Any rating",
    )

    class Meta:
        model = Review
        fields = []

    def filter_rating(self, queryset, name, value):
        return queryset.filter(rating__gte=Decimal(value))
