"""``{% cache %}`` as Django's, except that a timeout of 0 (``FRAGMENT_CACHE_SECONDS=0``:
caching off) renders the fragment without asking the cache. Django's reads the key, renders,
and stores the fragment for no time, which Redis does by deleting it: two round trips a
fragment for nothing."""

from django import template
from django.template import VariableDoesNotExist
from django.templatetags.cache import CacheNode, do_cache

register = template.Library()


class FragmentCacheNode(CacheNode):
    def render(self, context):
        if self.caching_off(context):
            return self.nodelist.render(context)
        return super().render(context)

    def caching_off(self, context) -> bool:
        try:
            return int(self.expire_time_var.resolve(context)) == 0
        except (VariableDoesNotExist, TypeError, ValueError):
            return False  # None caches for ever; Django's tag reports the rest


@register.tag
def cache(parser, token):
    node = do_cache(parser, token)
    return FragmentCacheNode(
        node.nodelist, node.expire_time_var, node.fragment_name, node.vary_on, node.cache_name
    )
