"""The charts' SVG pictures in fewer bytes: the same drawing, with what kaleido writes many times written once.

Kaleido gives every element its look in a style attribute of its own. In a chart of 150 rows the same
few declarations (the labels' face, size and colour; a dot's fill) are written hundreds of times: half
of the timeline's picture, which is a phone's largest paint on the chronology page. Here:
- each distinct style attribute becomes one class rule in a `<style>` element, which the elements name;
- plotly's own classes go: they are hooks for its scripts and its style sheet, and a picture has neither;
- a group left empty, as kaleido leaves one for each layer a chart does not use, goes.
The picture is drawn pixel for pixel as before: a class rule has the same say over an element as its
style attribute had (the picture, shown as an image, reads no style sheet but its own, and a rule of it
outranks a presentation attribute as the style attribute did). No number is rounded: a text moved by a
thousandth of a pixel is drawn with other pixels at a high-density screen's scale.
"""

from __future__ import annotations

import re

# Kaleido's markup is generated, not written by hand: every attribute is double-quoted.
START_TAG = re.compile(r'<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(/?)>')
ATTRIBUTE = re.compile(r'\s+([\w:.-]+)="([^"]*)"')
EMPTY_GROUP = re.compile(r"<g/>|<g></g>")
CLASS_PREFIX = "up"


class SvgShapeError(ValueError):
    """The SVG holds markup kaleido does not write, so it is not rewritten."""


def compact_svg(svg: str) -> str:
    """`svg` with its style attributes as class rules, without plotly's classes and empty groups."""
    if "<style" in svg or "<!" in svg or "<?" in svg:
        raise SvgShapeError("the picture has a style sheet, a comment or a declaration of its own")
    styles: dict[str, str] = {}

    def rewrite(tag: re.Match) -> str:
        name, attributes, closing = tag.group(1), dict(ATTRIBUTE.findall(tag.group(2))), tag.group(3)
        attributes.pop("class", None)
        style = attributes.pop("style", "").strip()
        if style:
            attributes["class"] = styles.setdefault(style, f"{CLASS_PREFIX}{len(styles):x}")
        written = "".join(f' {key}="{value}"' for key, value in attributes.items())
        return f"<{name}{written}{closing}>"

    tags = len(START_TAG.findall(svg)) + svg.count("</")
    if svg.count("<") != tags:
        raise SvgShapeError("a tag the picture holds is not one kaleido writes")
    body = START_TAG.sub(rewrite, svg)
    while (emptied := EMPTY_GROUP.sub("", body)) != body:
        body = emptied
    root = re.match(r"<svg\b[^>]*>", body)
    if root is None:
        raise SvgShapeError("the picture does not start with its <svg> element")
    rules = "".join(f".{rule}{{{style}}}" for style, rule in styles.items())
    return f"{body[:root.end()]}<style>{rules}</style>{body[root.end():]}" if rules else body
