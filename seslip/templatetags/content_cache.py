"""`{% content_cached key %}…{% endcontent_cached %}`: the enclosed HTML kept under `key`
(seslip/content_cache.py), or rendered as usual when `key` is empty."""

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token

from seslip import content_cache

register = template.Library()


class ContentCachedNode(template.Node):
    def __init__(self, nodelist: NodeList, key: FilterExpression) -> None:
        self.nodelist = nodelist
        self.key = key

    def render(self, context: template.Context) -> str:
        cache_key = self.key.resolve(context)
        request = context.get("request")
        # A page that logged an access shows record-level data: drawn afresh every time.
        if not cache_key or request is None or content_cache.access_logged(request):
            return self.nodelist.render(context)
        stored = content_cache.cache().get(cache_key)
        if stored is not None:
            return stored
        html, keep = content_cache.compute_unlogged(request, lambda: self.nodelist.render(context))
        if keep:
            content_cache.cache().set(cache_key, html, content_cache.TIMEOUT)
        return html


@register.tag
def content_cached(parser: Parser, token: Token) -> ContentCachedNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% content_cached key %} takes one argument")
    nodelist = parser.parse(("endcontent_cached",))
    parser.delete_first_token()
    return ContentCachedNode(nodelist, parser.compile_filter(bits[1]))
