"""Keyset pagination: a page is the rows after (or before) a row, by the list's own sort, so
reading the ten-thousandth page costs what reading the first does. OFFSET reads and throws
away every row before the page.

A sort is the queryset's order_by (or its model's ordering), made total by ending on the
primary key. A cursor holds the sort's values at the row a page ends on, and a short digest of
the sort, so one made for another sort is refused rather than misread.
"""

import base64
import datetime
import decimal
import hashlib
import json
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import F, OrderBy, Q, QuerySet


class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class Key:
    """One term of a sort: a field or annotation, its direction, and where its nulls go."""

    name: str
    descending: bool
    nulls_last: bool
    nullable: bool = True

    @property
    def order_by(self) -> OrderBy:
        nulls = {"nulls_last": True} if self.nulls_last else {"nulls_first": True}
        return OrderBy(F(self.name), descending=self.descending, **nulls)

    def reversed(self) -> "Key":
        return Key(self.name, not self.descending, not self.nulls_last, self.nullable)

    def after(self, value) -> Q:
        """Rows strictly after ``value`` on this term."""
        if value is None:
            return Q(pk__in=[]) if self.nulls_last else Q(**{f"{self.name}__isnull": False})
        beyond = Q(**{f"{self.name}__{'lt' if self.descending else 'gt'}": value})
        if self.nullable and self.nulls_last:
            return beyond | Q(**{f"{self.name}__isnull": True})
        return beyond

    def at_or_after(self, value) -> Q:
        if value is None:
            return Q(**{f"{self.name}__isnull": True}) if self.nulls_last else Q()
        at = Q(**{f"{self.name}__{'lte' if self.descending else 'gte'}": value})
        if self.nullable and self.nulls_last:
            return at | Q(**{f"{self.name}__isnull": True})
        return at

    def equal(self, value) -> Q:
        if value is None:
            return Q(**{f"{self.name}__isnull": True})
        return Q(**{self.name: value})


class Sort:
    """The total order of ``queryset``, and the pages of it either side of a row."""

    def __init__(self, queryset: QuerySet):
        self.queryset = queryset
        self.keys = self._keys(queryset)
        names = ",".join(f"{'-' if k.descending else ''}{k.name}" for k in self.keys)
        self.digest = hashlib.sha256(names.encode()).hexdigest()[:8]

    def ordered(self) -> QuerySet:
        return self.queryset.order_by(*(key.order_by for key in self.keys))

    def page_after(self, values: list, size: int) -> tuple[list, bool]:
        """Up to ``size`` rows after the row with ``values``, and whether more follow."""
        rows = list(self.ordered().filter(self._beyond(self.keys, values))[: size + 1])
        return rows[:size], len(rows) > size

    def page_before(self, values: list | None, size: int) -> tuple[list, bool]:
        """Up to ``size`` rows before the row with ``values`` (None: the end), in order, and
        whether more precede them."""
        backwards = [key.reversed() for key in self.keys]
        rows = self.queryset.order_by(*(key.order_by for key in backwards))
        if values is not None:
            rows = rows.filter(self._beyond(backwards, values))
        rows = list(rows[: size + 1])
        return rows[:size][::-1], len(rows) > size

    def values_of(self, row) -> list:
        values = []
        for key in self.keys:
            value = row
            for part in key.name.split("__"):
                value = getattr(value, part)
            values.append(value)
        return values

    def encode(self, row, before: bool = False) -> str:
        """The cursor of the page after ``row`` (or, with ``before``, the page before it)."""
        payload = {"s": self.digest, "v": [_plain(v) for v in self.values_of(row)]}
        if before:
            payload["b"] = 1
        text = json.dumps(payload, separators=(",", ":"))
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    def decode(self, token: str) -> tuple[list, bool]:
        """A cursor's row values and whether it reads backwards; BadCursor if it is not one of
        this sort's."""
        try:
            padded = token + "=" * (-len(token) % 4)
            payload = json.loads(base64.urlsafe_b64decode(padded))
            digest, raw = payload["s"], payload["v"]
            before = bool(payload.get("b"))
        except (ValueError, TypeError, KeyError) as error:
            raise BadCursor("This is not a cursor this list gave out.") from error
        if digest != self.digest or not isinstance(raw, list) or len(raw) != len(self.keys):
            raise BadCursor("This cursor is for another sort of this list: start again.")
        try:
            values = [
                None if value is None else self._field(key.name).to_python(value)
                for key, value in zip(self.keys, raw, strict=True)
            ]
        except (ValidationError, TypeError, ValueError) as error:
            raise BadCursor("This is not a cursor this list gave out.") from error
        return values, before

    def _beyond(self, keys: list[Key], values: list) -> Q:
        """Rows after ``values`` in the order of ``keys``: after on the first term, or equal
        on it and after on the next, and so on. The first term's "at or after", though
        implied, lets the database walk an index from there."""
        after = reduce(
            or_,
            (
                reduce(and_, [k.equal(v) for k, v in zip(keys[:i], values, strict=False)], Q())
                & key.after(values[i])
                for i, key in enumerate(keys)
            ),
        )
        return keys[0].at_or_after(values[0]) & after

    def _field(self, name: str):
        annotation = self.queryset.query.annotations.get(name)
        if annotation is not None:
            return annotation.output_field
        model = self.queryset.model
        *path, last = name.split("__")
        for part in path:
            model = model._meta.get_field(part).related_model
        return model._meta.pk if last == "pk" else model._meta.get_field(last)

    def _keys(self, queryset: QuerySet) -> list[Key]:
        query = queryset.query
        terms = list(query.order_by) or (
            list(query.get_meta().ordering) if query.default_ordering else []
        )
        nulls_largest = connections[queryset.db].vendor in ("postgresql", "oracle")
        keys = []
        for term in terms:
            if isinstance(term, str):
                descending, name = term.startswith("-"), term.lstrip("-")
                nulls_last = None
            elif isinstance(term, F):
                descending, name, nulls_last = False, term.name, None
            elif isinstance(term, OrderBy) and isinstance(term.expression, F):
                descending, name = term.descending, term.expression.name
                nulls_last = True if term.nulls_last else False if term.nulls_first else None
            else:
                raise TypeError(f"Keyset pagination cannot sort by {term!r}.")
            if nulls_last is None:  # the database's default: where nulls sort by themselves
                nulls_last = nulls_largest != descending
            keys.append(Key(name, descending, nulls_last, self._nullable(name)))
        pk = queryset.model._meta.pk
        if not keys or keys[-1].name not in ("pk", pk.name, pk.attname):
            keys.append(Key("pk", keys[-1].descending if keys else False, True, False))
        return keys

    def _nullable(self, name: str) -> bool:
        """Whether the term can be NULL: a column declared so, or any annotation."""
        if name in self.queryset.query.annotations:
            return True
        return self._field(name).null


def _plain(value):
    """A sort value as JSON keeps it exactly: to_python reads it back."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value
