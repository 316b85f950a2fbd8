"""The charts' pictures written compactly: every element keeps its look, and nothing else changes."""

import re
import xml.etree.ElementTree as ElementTree

import pytest

from unsigned_peace.machinery.steps.compact_svg import SvgShapeError, compact_svg

SVG = "{http://www.w3.org/2000/svg}"
LABEL = ("font-family: 'Noto Sans', 'DejaVu Sans', Helvetica, Arial, sans-serif; font-size: 11px; "
         "fill: rgb(31, 41, 51); fill-opacity: 1; white-space: pre;")
DOT = "opacity: 1; stroke-width: 1px; fill: rgb(0, 114, 178); fill-opacity: 1; stroke: rgb(255, 255, 255);"
# Written as kaleido writes a chart: a style attribute on every element, plotly's classes, empty layers.
DRAWN = (
    '<svg class="main-svg" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="380" height="120" style="" viewBox="0 0 380 120">'
    '<rect x="0" y="0" width="380" height="120" style="fill: rgb(255, 255, 255); fill-opacity: 1;"/>'
    '<defs id="defs-1"><g class="clips"><clipPath id="clip1xy" class="plotclip"><rect width="185" height="80"/>'
    '</clipPath></g><g class="gradients"/><g class="patterns"/></defs><g class="bglayer"/>'
    '<g class="layer-below"><g class="imagelayer"/><g class="shapelayer"/></g>'
    '<g class="xy" transform="translate(175,40)" clip-path="url(#clip1xy)"><g class="points">'
    f'<path class="point plotly-customdata" transform="translate(17.38,12.59)" d="M6.5,0A6.5,6.5 0 1,1 0,-6.5Z" '
    f'style="{DOT}"/>'
    f'<path class="point plotly-customdata" transform="translate(35.16,37.77)" d="M6.5,0A6.5,6.5 0 1,1 0,-6.5Z" '
    f'style="{DOT}"/></g></g>'
    f'<g class="ytick"><text text-anchor="end" x="174" y="3.8499999999999996" transform="translate(0,52.59)" '
    f'style="{LABEL}">1855 · Shimoda &amp; &lt;Kuril&gt; “treaty”</text></g>'
    f'<g class="ytick"><text text-anchor="end" x="174" y="3.85" style="{LABEL}">1875 · 樺太・千島交換条約</text></g>'
    '</svg>'
)


def empty_group(element: ElementTree.Element) -> bool:
    """A group with nothing in it but empty groups, and nothing but a class or a style: it draws nothing."""
    return (element.tag == f"{SVG}g" and set(element.attrib) <= {"class", "style"}
            and all(empty_group(child) for child in element))


def looks(svg: str) -> list[tuple]:
    """Each element as the picture draws it: its name, its attributes but the class, its text, and its style
    (the style attribute, or the rules its classes name); an empty group is left out."""
    root = ElementTree.fromstring(svg)
    rules = {}
    for sheet in root.iter(f"{SVG}style"):
        rules |= dict((name, body) for name, body in re.findall(r"\.([\w-]+)\{([^}]*)\}", sheet.text or ""))
    elements = []
    for element in root.iter():
        if element.tag == f"{SVG}style" or empty_group(element):
            continue
        attributes = {key: value for key, value in element.attrib.items() if key not in ("class", "style")}
        style = element.get("style") or "".join(rules.get(name, "") for name in element.get("class", "").split()
                                                if name in rules)
        elements.append((element.tag, attributes, element.text, style.strip()))
    return elements


def test_every_element_keeps_its_attributes_text_and_style():
    compact = compact_svg(DRAWN)
    assert looks(compact) == looks(DRAWN)
    assert [text for *_, text, _ in looks(compact) if text] == ["1855 · Shimoda & <Kuril> “treaty”",
                                                                 "1875 · 樺太・千島交換条約"]


def test_a_style_written_many_times_is_written_once():
    compact = compact_svg(DRAWN)
    assert "style=" not in compact
    assert compact.count(LABEL) == compact.count(DOT) == 1
    assert len(compact.encode()) < len(DRAWN.encode())


def test_plotlys_classes_and_empty_layers_go_and_the_pictures_ids_stay():
    compact = compact_svg(DRAWN)
    assert not re.search(r'class="[^"]*(point|ytick|main-svg|plotclip)', compact)
    assert "<g/>" not in compact and "<g></g>" not in compact and "imagelayer" not in compact
    assert 'id="clip1xy"' in compact and 'clip-path="url(#clip1xy)"' in compact


def test_the_numbers_are_kept_to_the_last_digit():
    assert 'y="3.8499999999999996"' in compact_svg(DRAWN)


@pytest.mark.parametrize("markup", [
    '<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:red}</style><rect class="a" style="x: 1"/></svg>',
    "<svg xmlns='http://www.w3.org/2000/svg'><rect style='fill: red'/></svg>",
    '<svg xmlns="http://www.w3.org/2000/svg"><!-- a note --><rect style="fill: red"/></svg>',
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: red"/></svg>',
])
def test_markup_kaleido_does_not_write_is_not_rewritten(markup):
    with pytest.raises(SvgShapeError):
        compact_svg(markup)


def test_a_picture_that_cannot_be_compacted_is_kept_as_drawn(tmp_path):
    from unsigned_peace.machinery.steps.figure_images import _compact

    picture = tmp_path / "chart.svg"
    drawn = "<svg xmlns='http://www.w3.org/2000/svg'><rect style='fill: red'/></svg>"
    picture.write_text(drawn, encoding="utf-8")
    _compact(picture)
    assert picture.read_text(encoding="utf-8") == drawn
    picture.write_text(DRAWN, encoding="utf-8")
    _compact(picture)
    assert picture.read_text(encoding="utf-8") == compact_svg(DRAWN)
