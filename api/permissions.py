from rest_framework import permissions


class ReadOrModelPermissions(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """Anyone may read; a write needs the model's add, change or delete permission (the
    Editors group has them). A read is let through at once: the parent would build the view's
    whole queryset only to learn its model, for a read that needs no permission at all and is
    often answered from the cache."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return super().has_permission(request, view)
