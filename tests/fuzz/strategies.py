"""What the fuzz targets draw: texts from the forms' own vocabulary, small random workbooks laid out
like the forms (or not at all), and mutations of real workbooks' XML."""

from __future__ import annotations

import importlib
import io
import pkgutil
import re
import zipfile
from functools import cache
from pathlib import Path

import xlsxwriter
from hypothesis import strategies as st

import xltools.forms
from xltools.forms.spec import Label

VALUES = ("≥100人次", "≤24万元", "＞90%", "80%-90%", "100%", "95%", "健全", "完善", "显著提升", "逐步提高", "有效",
          "2019年12月", "按期完成", "12月底前", "优", "良", "中", "差", "-", "—", "/", "无", "1,000.00", "1,0000.00",
          "１２３", "100人次", "是", "否", "≥98", "≤5天", "完成得满分，每降低1%扣0.5分", "达到目标值得10分，否则不得分",
          "201", "20101", "2010101", "合计", "总计", "小计", "其中：", "万元", "元", "（50分）", "产出指标（50分）",
          "=SUM(A1:A3)", "#DIV/0!", "1e309", "NaN", "-0", "0.1+0.2", "12 345", "１，２３４", "3.14159265358979",
          "\u200b", "\t", "\n", "𠀀", "%", "≥", "万", "  ", "''", "<c>", "&amp;", "]]>")


@cache
def vocabulary() -> tuple[str, ...]:
    """Every label text and synonym the form specs know (the recognizer's own words)."""
    texts: set[str] = set()

    def walk(obj: object, depth: int = 0) -> None:
        if depth > 4:
            return
        if isinstance(obj, Label):
            texts.update(obj.all_texts())
        elif isinstance(obj, (tuple, list)):
            for item in obj:
                walk(item, depth + 1)
        elif isinstance(obj, dict):
            for item in obj.values():
                walk(item, depth + 1)

    for module in pkgutil.iter_modules(xltools.forms.__path__):
        for value in vars(importlib.import_module(f"xltools.forms.{module.name}")).values():
            walk(value)
    return tuple(sorted(texts))


def cell_values() -> st.SearchStrategy[object]:
    return st.one_of(
        st.sampled_from(vocabulary()),
        st.sampled_from(VALUES),
        st.integers(-10**12, 10**12),
        st.floats(allow_nan=False, allow_infinity=False, width=64),
        st.decimals(min_value=-1000, max_value=100000, places=2).map(float),
        st.text(alphabet=st.sampled_from("0123456789.,%≥≤<>万元人次年月分-—（）()：: 健全优良中差合计"), max_size=12),
        st.text(max_size=30),
        st.none(),
    )


@st.composite
def grids(draw: st.DrawFn) -> list[list[object]]:
    """A sheet's cells: either a form-like table (a header of form labels, rows of values) or anything."""
    width = draw(st.integers(1, 12))
    if draw(st.booleans()):
        header = draw(st.lists(st.sampled_from(vocabulary()), min_size=width, max_size=width))
        body = draw(st.lists(st.lists(cell_values(), min_size=width, max_size=width), max_size=30))
        above = draw(st.lists(st.lists(cell_values(), min_size=0, max_size=width), max_size=3))
        return [*above, header, *body]
    return draw(st.lists(st.lists(cell_values(), max_size=width), max_size=40))


Spec = list[tuple[str, list[list[object]], list[tuple[int, int, int, int]]]]  # (sheet name, cells, merges)


@st.composite
def workbook_specs(draw: st.DrawFn) -> Spec:
    """1–3 sheets of random grids and random merged ranges (readable when hypothesis reports one)."""
    names = draw(st.lists(st.sampled_from(vocabulary()).map(_sheet_name), min_size=1, max_size=3, unique=True))
    spec: Spec = []
    for name in names:
        grid = draw(grids())
        merges, taken = [], set()
        for r0, c0, h, w in draw(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12), st.integers(1, 4),
                                                    st.integers(1, 4)), max_size=5)):
            area = {(r, c) for r in range(r0, r0 + h) for c in range(c0, c0 + w)}
            if len(area) > 1 and not area & taken:
                taken |= area
                merges.append((r0, c0, r0 + h - 1, c0 + w - 1))
        spec.append((name, grid, merges))
    return spec


def build_workbook(spec: Spec) -> bytes:
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                      "strings_to_urls": False})
    for name, grid, merges in spec:
        ws = wb.add_worksheet(name)
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    ws.write_string(r, c, value)
                elif value is not None:
                    ws.write_number(r, c, value)
        for r0, c0, r1, c1 in merges:
            ws.merge_range(r0, c0, r1, c1, None)
    wb.close()
    return buffer.getvalue()


def _sheet_name(text: str) -> str:
    name = re.sub(r"[\[\]:*?/\\']", "", text)[:31].strip() or "表"
    return name if name.lower() != "history" else "表"


# ---- mutations of real workbooks' XML -----------------------------------------------------------

SNIPPETS = ('<c r="XFD1048576"><v>1</v></c>', '<c r="A1" t="s"><v>999999</v></c>', '<c><v>1</v></c>',
            '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', "&a;", '<c r="B2"><f>A1+1</f></c>', "<row>", "</row>",
            '<mergeCell ref="A1:XFD1048576"/>', '<c r="A0"><v>1</v></c>', '<c r="a1" t="str"><v>x</v></c>',
            '<dimension ref="A1:XFD1048576"/>', "<v>1e309</v>", "<v>NaN</v>", "<t>" + "长" * 100 + "</t>",
            '<sheet name="新" sheetId="99" r:id="rId99"/>', '<c r="C3" t="inlineStr"><is><t>≥100人次</t></is></c>',
            "\x00", "\xff", "<![CDATA[<c r='XFD1'>]]>", '<?xml version="1.0" encoding="GB2312"?>')


@st.composite
def mutations(draw: st.DrawFn, seeds: list[Path]) -> bytes:
    """A real workbook with one to three of its parts changed: bytes flipped, cut, repeated, or XML
    snippets (far cells, entity declarations, broken tags, odd numbers) put in."""
    seed = draw(st.sampled_from(seeds))
    with zipfile.ZipFile(seed) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    for _ in range(draw(st.integers(1, 3))):
        names = sorted(parts)
        xml_names = [n for n in names if n.endswith((".xml", ".rels"))] or names
        name = draw(st.sampled_from(xml_names if draw(st.booleans()) else names))
        data = bytearray(parts[name])
        kind = draw(st.sampled_from(("flip", "cut", "repeat", "insert", "number", "ref", "drop", "empty")))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del data[at:at + draw(st.integers(1, 200))]
        elif kind == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 200))] * draw(st.integers(1, 50))
        elif kind == "insert":
            tag = data.find(b"<", at)
            where = tag if tag >= 0 else at
            data[where:where] = draw(st.sampled_from(SNIPPETS)).encode("utf-8", "surrogatepass")
        elif kind == "number":
            numbers = list(re.finditer(rb"\d+(\.\d+)?", data))
            if numbers:
                m = draw(st.sampled_from(numbers))
                new = str(draw(st.one_of(st.integers(-5, 2**40), st.sampled_from(["0", "1048577", "16385", "1e309"]))))
                data[m.start():m.end()] = new.encode()
        elif kind == "ref":
            refs = list(re.finditer(rb'r="[A-Z]+\d+"', data))
            if refs:
                m = draw(st.sampled_from(refs))
                data[m.start():m.end()] = f'r="{draw(st.sampled_from(["XFD1048576", "A1048576", "ZZ9999", "A1"]))}"'.encode()
        elif kind == "drop":
            parts.pop(name)
            continue
        elif kind == "empty":
            data = bytearray()
        parts[name] = bytes(data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


@st.composite
def sheet_bodies(draw: st.DrawFn) -> str:
    """Sheet XML whose cells may come in any order, with or without addresses (for the extent scan)."""
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        cells = []
        for _ in range(draw(st.integers(0, 5))):
            value = draw(st.sampled_from(["<v>1</v>", "", "<v></v>", '<is><t>x</t></is>', "<f>1+1</f>"]))
            kind = ' t="inlineStr"' if "<is>" in value else ""
            if draw(st.booleans()):
                col = draw(st.integers(1, 60))
                row = draw(st.integers(1, 3000))
                cells.append(f'<c r="{_letters(col)}{row}"{kind}>{value}</c>')
            else:
                cells.append(f"<c{kind}>{value}</c>")
        row_attr = f' r="{draw(st.integers(1, 3000))}"' if draw(st.booleans()) else ""
        rows.append(f"<row{row_attr}>{''.join(cells)}</row>")
    return "".join(rows)


def _letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out
