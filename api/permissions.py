from rest_framework import exceptions, permissions


class ReadOrModelPermissions(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """Anyone may read; a write needs the model's add, change or delete permission (the
    Editors group has them). A read is let through at once: the parent would build the view's
    whole queryset only to learn its model, for a read that needs no permission at all and is
    often answered from the cache.

    A method the endpoint does not offer (a write to read-only countries) is a 405 whoever
    asks, not a 401 or 403 that suggests the right credentials would do."""

    def has_permission(self, request, view):
        if request.method not in view.allowed_methods:
            raise exceptions.MethodNotAllowed(request.method)
        if request.method in permissions.SAFE_METHODS:
            return True
        return super().has_permission(request, view)


class ChangesObject(ReadOrModelPermissions):
    """An image belongs to its object: adding, replacing or removing one changes the object."""

    perms_map = {
        **ReadOrModelPermissions.perms_map,
        "POST": ["%(app_label)s.change_%(model_name)s"],
        "PUT": ["%(app_label)s.change_%(model_name)s"],
        "PATCH": ["%(app_label)s.change_%(model_name)s"],
        "DELETE": ["%(app_label)s.change_%(model_name)s"],
    }
