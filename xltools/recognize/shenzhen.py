"""Recognise the Shenzhen 项目绩效情况自评表 (F3): 资金安排情况, 资金使用情况, 项目自评价评分表."""

from __future__ import annotations

import re

from xltools.forms import labels as L
from xltools.forms.f3_shenzhen import ACTUAL, CRITERIA, LEVEL1_WEIGHTS, RESULT, TARGET, WEIGHT
from xltools.recognize.grid import CellRef, Grid, Vocabulary, find_headers, head, label_matches, norm, points_in
from xltools.recognize.model import ArrangementTable, ScoreNode, ScoreTable, ShenzhenForm, TableRef, UseTable

LINE_RE = re.compile(r"^\((\d)\)")
SUB_LABELS = {"中央级": "central", "省级": "province", "市级": "city", "区县转移": "county", "单位自有": "own",
              "银行贷款等": "loan", "社会资本": "social"}
SCORE_COLUMNS = {"l1": L.LEVEL1, "l2": L.LEVEL2, "l3": L.LEVEL3, "weight": WEIGHT, "target": TARGET,
                 "actual": ACTUAL, "score": RESULT, "criteria": CRITERIA}
SCORE_VOCABULARY = Vocabulary(SCORE_COLUMNS)  # label words normalised once, at import


def is_shenzhen(form: ShenzhenForm) -> bool:
    """The Shenzhen form: its 资金安排/资金使用 tables, or a score table under Shenzhen's 一级 targets."""
    names = {node.name for node in form.scores.level1} if form.scores else set()
    return bool(form.arrangement or form.use or names & set(LEVEL1_WEIGHTS))


def recognize_shenzhen(grid: Grid) -> ShenzhenForm | None:
    arrangement = _arrangement(grid)
    use = _use(grid)
    scores = _scores(grid)
    if not (arrangement or scores):
        return None
    project = ""
    for r, c in grid.find(lambda t: t == "项目名称", range(min(grid.height, 6))):
        value = grid.first_value_right_of(r, c)
        project = value.text if value else ""
    if not project:
        titles = grid.find(lambda t: t.endswith("绩效情况自评表"), range(min(grid.height, 6)))
        if titles:
            project = grid.cell(*titles[0]).text.replace("绩效情况自评表", "").strip()
    form = ShenzhenForm(grid.name, project, arrangement, use, scores)
    form.refs = [t.ref for t in (arrangement, use, scores) if t is not None]
    return form


def _arrangement(grid: Grid) -> ArrangementTable | None:
    for r in sorted({r for r, _ in grid.cells_equal("行次")}):  # only a row with a 行次 header, by the label index
        labels = grid.row_labels(r)
        if "行次" not in labels or "合计" not in labels or not any("财政资金" in t for t in labels):
            continue
        c_line, c_total = labels.index("行次"), labels.index("合计")
        fiscal_col = next(c for c, t in enumerate(labels) if "财政资金" in t)
        other_col = next((c for c, t in enumerate(labels) if "其他资金" in t), None)
        sub = grid.row_labels(r + 1)
        cols = {"total": c_total}
        subtotal_cols = [c for c, t in enumerate(sub) if t == "小计"]
        for c in subtotal_cols:
            if c >= fiscal_col and "fiscal" not in cols and (other_col is None or c < other_col):
                cols["fiscal"] = c
            elif other_col is not None and c >= other_col:
                cols["other"] = c
        for c, t in enumerate(sub):
            if t in SUB_LABELS:
                cols[SUB_LABELS[t]] = c
        rows: dict[int, dict[str, CellRef]] = {}
        labels_by_line: dict[int, CellRef] = {}
        last = r + 1
        for rr in range(r + 2, min(r + 14, grid.height)):
            m = LINE_RE.match(grid.label(rr, c_line))
            if not m:
                if rows:
                    break
                continue
            line = int(m.group(1))
            rows[line] = {k: grid.cell(rr, c) for k, c in cols.items()}
            labels_by_line[line] = grid.cell(rr, max(0, c_line - 1))
            last = rr
        if rows:
            return ArrangementTable(grid.name, rows, labels_by_line,
                                    TableRef(grid.name, "F3.arrangement", r, 0, last, max(cols.values())))
    return None


def _use(grid: Grid) -> UseTable | None:
    for r, c0 in grid.cells_equal("项目支出内容"):
        sub = grid.row_labels(r + 1)
        head = grid.row_labels(r)
        cols: dict[str, int] = {}
        for c, t in enumerate(sub):
            if t == "合计":
                cols["total"] = c
            elif t.startswith("财政资金支出"):
                cols["fiscal"] = c
            elif t.startswith("其他资金支出"):
                cols["other"] = c
        for c, t in enumerate(head):
            if t.startswith("财政资金专款专用"):
                cols["earmarked"] = c
        if "total" not in cols:
            continue
        total: dict[str, CellRef] = {}
        rows: list[dict[str, CellRef]] = []
        last = r + 1
        for rr in range(r + 2, grid.height):
            name = grid.cell(rr, c0)
            if grid.blank_row(rr) or name.text.startswith(("三、", "三.", "附表")) or "评分表" in name.text:
                break
            cells = {k: grid.cell(rr, c) for k, c in cols.items()}
            cells["name"] = name
            if name.text == "合计" and not total:
                total = cells
            else:
                rows.append(cells)
            last = rr
        return UseTable(grid.name, total, rows, TableRef(grid.name, "F3.use", r, c0, last, max(cols.values())))
    return None


def _anonymous(level1: list[ScoreNode]) -> ScoreNode:
    node = ScoreNode(1, "", {})
    level1.append(node)
    return node


def _group_cells(cells: dict[str, CellRef], key: str, leaf: bool) -> dict[str, CellRef]:
    """A 一级/二级 group's own cells: the row's, unless the row is also a leaf (the group label merged
    down beside its first 三级 row); points written into the label ("投入(20分)") stand for its weight."""
    label = cells[key]
    own = {} if leaf else dict(cells)
    stated = points_in(norm(label.raw)) if isinstance(label.raw, str) else None
    if stated is not None and (leaf or own.get("weight") is None or own["weight"].empty):
        own["weight"] = CellRef(label.sheet, label.row, label.col, stated)
    return own


def _scores(grid: Grid) -> ScoreTable | None:
    headers = find_headers(grid, SCORE_VOCABULARY, {"l1", "weight", "score", "criteria"}, 5)
    if not headers:
        return None
    r, cols = headers[0]
    level1: list[ScoreNode] = []
    total: dict[str, CellRef] = {}
    grade = None
    current1: ScoreNode | None = None
    current2: ScoreNode | None = None
    leaf_key = "l3" if "l3" in cols else "l2" if "l2" in cols else None
    last = r
    for rr in range(r + 1, grid.height):
        first = grid.label(rr, cols["l1"])
        if first.startswith("总计") or first.startswith("合计"):
            total = {k: grid.cell(rr, c) for k, c in cols.items()}
            last = rr
            continue
        if label_matches(first, L.GRADE, prefix=False):
            grade = next((grid.cell(rr, c) for c in (cols["score"], *range(cols["l1"] + 1, grid.width))
                          if not grid.cell(rr, c).empty and grid.cell(rr, c).number is None), None)
            last = rr
            break
        if grid.blank_row(rr):
            continue
        cells = {k: grid.cell(rr, c) for k, c in cols.items()}
        leaf = leaf_key is not None and not cells[leaf_key].empty
        name1 = head(grid.label(rr, cols["l1"])) or cells["l1"].text
        if not cells["l1"].empty and not (current1 is not None and name1 == current1.name):
            current1 = ScoreNode(1, name1, _group_cells(cells, "l1", leaf))
            level1.append(current1)
            current2 = None
        name2 = head(grid.label(rr, cols["l2"])) if "l2" in cols else ""
        if "l2" in cols and leaf_key != "l2" and not cells["l2"].empty and \
                not (current2 is not None and name2 == current2.name):
            current2 = ScoreNode(2, name2 or cells["l2"].text, _group_cells(cells, "l2", leaf))
            current1 = current1 or _anonymous(level1)
            current1.children.append(current2)
        elif not leaf and cells["l1"].empty and not cells["weight"].empty:
            current2 = ScoreNode(2, "", cells)  # seed 002: a 二级 row carries only its weight
            current1 = current1 or _anonymous(level1)
            current1.children.append(current2)
        if leaf:
            if current2 is None:
                current1 = current1 or _anonymous(level1)
                current2 = ScoreNode(2, "", {})
                current1.children.append(current2)
            current2.children.append(ScoreNode(3, cells[leaf_key].text, cells))
        last = rr
    return ScoreTable(grid.name, level1, total, grade,
                      TableRef(grid.name, "F3.scores", r, cols["l1"], last, max(cols.values())))
