"""`{% desk_panels as panels %}`: the desk's panels for the signed-in user."""

from django import template

from .. import desk

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_panels(context):
    user = context["request"].user
    return [{"panel": panel, **panel.read(user)} for panel in desk.panels_for(user)]
