"""`{% page_block "name" %}…{% endpage_block %}`: one of a page's own blocks, served from
or kept in the cache by seslip.content_cache.render_page(); rendered as usual on a page
that does not use it."""

from django import template
from django.template.base import NodeList, Parser, Token

from seslip import content_cache

register = template.Library()


class PageBlockNode(template.Node):
    def __init__(self, nodelist: NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        served = context.get(content_cache.SERVED)
        if served is not None:
            return served.get(self.name, "")
        drawn = context.get(content_cache.DRAWN)
        request = context.get("request")
        if drawn is None or request is None:
            return self.nodelist.render(context)
        html, keep = content_cache.compute_unlogged(request, lambda: self.nodelist.render(context))
        drawn[self.name] = html
        if not keep:
            drawn[content_cache.KEEP] = False
        return html


@register.tag
def page_block(parser: Parser, token: Token) -> PageBlockNode:
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "'\"" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError('{% page_block "name" %} takes one quoted name')
    nodelist = parser.parse(("endpage_block",))
    parser.delete_first_token()
    return PageBlockNode(nodelist, bits[1][1:-1])
