"""The official look of a drafted report (党政机关公文格式 GB/T 9704 practice): A4, margins 37/35/28/26 mm,
body 仿宋_GB2312 三号 (falls back to 仿宋 where it is not installed), 一级标题 黑体, 二级标题 楷体_GB2312,
title 方正小标宋简体 二号 (falls back to 宋体), fixed 28-point lines, first lines indented two characters.
Placeholders and notes are highlighted so nothing a person must write can be missed."""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from xltools.narrative.source import NOTE_STYLE

BODY_FONT, BODY_FALLBACK = "仿宋_GB2312", "仿宋"
HEADING_FONT = "黑体"
SUBHEADING_FONT, SUBHEADING_FALLBACK = "楷体_GB2312", "楷体"
TITLE_FONT, TITLE_FALLBACK = "方正小标宋简体", "宋体"
BODY_SIZE = Pt(16)      # 三号
TITLE_SIZE = Pt(22)     # 二号
LINE = Pt(28)
INDENT = Pt(32)         # two characters of 三号
PLACEHOLDER = WD_COLOR_INDEX.YELLOW
# Fonts the document names with the one a word processor should use where they are missing.
ALTERNATES = {BODY_FONT: BODY_FALLBACK, SUBHEADING_FONT: SUBHEADING_FALLBACK, TITLE_FONT: TITLE_FALLBACK}


def new_document():
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _defaults(document)
    styles = document.styles
    _paragraph_style(styles["Normal"], BODY_FONT, BODY_SIZE, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _paragraph_style(styles["Title"], TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(styles["Heading 1"], HEADING_FONT, BODY_SIZE, indent=True)
    _paragraph_style(styles["Heading 2"], SUBHEADING_FONT, BODY_SIZE, indent=True)
    note = styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    _paragraph_style(note, BODY_FONT, Pt(14), indent=False)
    _font_alternates(document)
    return document


def _defaults(document) -> None:
    """Replace the template's theme fonts (Calibri, ＭＳ 明朝) and language with Chinese ones."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, BODY_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")       # Latin runs (digits, %) keep Latin line breaking: "100%" stays whole
    lang.set(qn("w:eastAsia"), "zh-CN")


def _set_fonts(rpr, name: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):  # asciiTheme, eastAsiaTheme … and cstheme
            del fonts.attrib[attribute]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), name)


def _paragraph_style(style, font: str, size, indent: bool = False, align=None) -> None:
    style.font.size = size
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE if size <= BODY_SIZE else Pt(36)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = INDENT if indent else Pt(0)
    if align is not None:
        fmt.alignment = align
    ppr = style.element.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))  # the template's Title has a rule under it
    if border is not None:
        ppr.remove(border)


def _font_alternates(document) -> None:
    """Name each font with its fallback (w:altName) in the font table, as Word does."""
    part = next((rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    for name, alternate in ALTERNATES.items():
        entry = parse_xml(f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alternate}"/>'
                          f'<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>')
        root.append(entry)
    # the font table is a plain Part (bytes only): python-docx offers no API to edit it
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def highlight(run, color=PLACEHOLDER) -> None:
    run.font.highlight_color = color


TITLE_WIDTH = 18  # characters of 二号 on one line of the A4 type area


def title(document, subject: str, kind: str) -> None:
    """The title centred; a long one broken before "绩效自评报告", as published reports do."""
    lines = [subject + kind] if len(subject + kind) <= TITLE_WIDTH else [subject, kind]
    for line in lines:
        p = document.add_paragraph(line, style="Title")
    p.paragraph_format.space_after = LINE


def heading(document, text: str, level: int = 1) -> None:
    document.add_paragraph(text, style="Heading 1" if level == 1 else "Heading 2")


def paragraph(document, *pieces: str | tuple[str, bool], style: str | None = None):
    """A paragraph of pieces: plain text, or (text, True) for a highlighted placeholder."""
    p = document.add_paragraph(style=style)
    for piece in pieces:
        text, marked = (piece, False) if isinstance(piece, str) else piece
        run = p.add_run(text)
        if marked:
            highlight(run)
    return p


def note(document, text: str, bold: bool = False):
    p = document.add_paragraph(style=NOTE_STYLE)
    run = p.add_run(text)
    run.bold = bold
    highlight(run)
    return p


def signature(document, *pieces: str | tuple[str, bool], gap: bool = False) -> None:
    """A right-aligned closing line (unit and date); ``gap`` leaves two blank lines above it."""
    p = paragraph(document, *pieces)
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.paragraph_format.first_line_indent = Pt(0)
    if gap:
        p.paragraph_format.space_before = LINE * 2
