"""Reports for the narrative tests, built as the files users have.

``SEED_003`` is seed 003 (上犹县残联 2022 年部门整体支出绩效自评报告) transcribed paragraph by
paragraph, as published, contradictions included; ``seed_003_docx`` writes it as a Word document
with one paragraph per published paragraph (so paragraph n of the document is ``SEED_003[n - 1]``).
"""

from __future__ import annotations

from pathlib import Path

import docx

SEED_003: list[str] = [
    '上犹县残联2022年部门整体支出绩效',
    '自评报告',
    '根据《关于开展2022年度绩效自评和部门评价工作的通知》（上财发[2023]3号）精神，上犹县残联对2022年部门整体支出绩效开展了自评工作，现将有关情况报告如下：',
    '一、部门概况',
    '（一）部门主要职责及情况',
    '上犹县残疾人联合会是主管残疾人工作的群团组织。主要职责：听取残疾人意见，反映残疾人需求，维护残疾人权益，为残疾人服务；宣传残疾人事业，沟通政府、社会与残疾人之间的联系，动员社会理解、尊重、关心，帮助残疾人；开展残疾人康复、教育、劳动就业、文化、体育、社会保障、无障碍设施\xa0、大力开展组织建设、法律援助和残疾预防等工作；承担县政府残疾人工作委员会的日常工作，承担政府交办的其他工作。上犹县残疾人联合会现有编制人数小计7人，其中：行政编制人数4人，参照公务员法管理的事业编制人数0人，事业编制人数4人。实有人数7人。离休人数小计0人，退休人数小计3人。',
    '当年部门履职总体目标、工作任务。',
    '完成上级下达的2022年各项残疾人民生实事工程项目，进一步提升残疾人幸福感、获得感，完成县委、县政府交办的其它中心工作任务。',
    '（三）当年部门年度整体支出绩效目标。',
    '一是通过开展残疾人基本康复服务工作，为经济困难的视力、听力、肢体、智力、精神残疾人提供基本康复服务，为困难残疾人适配辅助器具，努力提高受助残疾人生活自理和社会参与能力；二是为0-8岁听力、肢体、智力、孤独症儿童提供人工耳蜗及助听器验配、肢体矫治手术、功能训练等服务，显著改善残疾儿童功能状况；三是通过农村困难残疾人实用技术培训项目的实施，促进就业增收，进一步巩固脱贫攻坚成果。四是为贫困智力、精神和重度残疾人残疾评定提供补贴，减轻残疾人经济负担；五是为困难重度残疾人提供家庭无障碍改造补贴，改善残疾人居家环境；六是通过开展困难重度失能残疾人照护和托养工作，逐步缓解家庭照护和托养压力，解放家庭劳动力。',
    '（四）部门预算绩效管理开展情况。',
    '一是组织机构健全。预算绩效管理由人秘股牵头，由各业务部门共同配合，由各乡镇和城市社区具体落实残联；二是实施依据完善。建立了项目实施规范，严格按照上级有关文件精神实施惠残项目；三是项目管理规范，实施程序到位。乡镇实施项目完成后，由县残联组织人员进行验收，县财政局进行审核拨款。',
    '（五）当年部门预算及执行情况。',
    '全年预算数374.26万元，1-12月支付资金374.26万元，预算执行进度为100%，达到预期值。',
    '二、部门整体支出绩效实现情况',
    '履职完成情况：',
    '（1）人员保障：该指标预期值为>=9人，实际完成值为100%，达到预期值目标。',
    '（2）政府中心工作：该指标预期值为>=6个，实际完成值为6个，达到预期值目标。我单位服从大局意识，全力完成县委、县政府交办的挂点村帮扶、招商和安商、疫情防控、综治等工作任务。',
    '（3）残疾人民生工程项目：该指标预期值为>=6个，实际完成值为6个，达到预期值目标。一是为70户困难残疾人家庭实施了无障碍改造；二是阳光助残基地扶持，结合上级有关政策，对江西峻岭综合开发有限公司进行资金扶持，基地安置残疾人或重度残疾人家属7人；三是残疾人实用技术培训，为50名残疾人开展实用技术培训做好残疾人购买辅具补贴工作；四是落实残疾儿童康复救助，为45名康复训练儿童进行了救助。五是为78名下肢残疾人发放了燃油补贴，为139名残疾人购买辅助器具进行补贴。',
    '（4）业务工作质量达标率：该指标预期值为100%，实际完成值为100%，达到预期值目标。',
    '（5）政府中心工作达标率：该指标预期值为100%，实际完成值为100%，达到预期值目标。',
    '（6）业务工作质量完成率：该指标预期值为100%，实际完成值为80%，达到预期值目标。',
    '（7）政府中心工作完成率：该指标预期值为100%，实际完成值为90%，达到预期值目标。',
    '（二）履职效果情况：',
    '残疾人康复效果、改善残疾人生产生活水平：该指标预期值为有所改善、有所提高，实际完成值为有所改善、有所提高，达到预期值目标。',
    '社会满意度及可持续性影响残疾人及其家属满意度：',
    '该指标预期值为>90%，实际完成值为90%，达到预期值目标。',
    '三、部门整体支出绩效中存在问题及改进措施',
    '（一）主要问题及原因分析。',
    '偏离绩效目标的原因：绩效目标和指标往往根据项目实际完成情况制定，对项目执行过程有效约束不够，存在一定的偏差。',
    '下一步改进措施：一是加强绩效评价管理制度和流程的建设，进一步深化、完善绩效管理体系，建立全过程的预算绩效管理机制，促进绩效管理工作向广度和深度延伸。二是规范绩效评价管理资料的收集整理，确保相关信息完整、可靠，客观公正地反映项目资金实际使用和产生的绩效状况，为今后该项目实施方向及管理方式的改进提供指导。',
    '四、绩效自评结果拟应用和公开情况',
    '我单位根据专项绩效评定指标对各项目量化评价，围绕绩效评价指标体系，通过数据采集分析等方式，对该项目绩效进行了客观、公开的评价，自评指标得分95分。将适时对评价结果进行公开。',
]

# Paragraphs of SEED_003 that are headings in the published report.
SEED_003_HEADINGS = {1, 2, 4, 5, 9, 11, 13, 15, 24, 28, 29, 32}


def write_docx(paragraphs: list[str], path: Path, headings: set[int] = frozenset()) -> Path:
    """A plain Word document: one paragraph per string (1-based numbers in ``headings`` bold)."""
    document = docx.Document()
    for n, text in enumerate(paragraphs, start=1):
        run = document.add_paragraph().add_run(text)
        run.bold = n in headings
    document.save(str(path))
    return path


def seed_003_docx(path: Path) -> Path:
    return write_docx(SEED_003, path, SEED_003_HEADINGS)


def write_text(paragraphs: list[str], path: Path, encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(paragraphs) + "\n", encoding=encoding)
    return path


def workbook(sheets: dict[str, list[list[object]]], path: Path) -> Path:
    """A workbook of plain values, one sheet per grid (as tests/rule_bases.py describes forms)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def edit_docx(source: Path, target: Path, replace: dict[str, str] | None = None,
              drop: tuple[str, ...] = ()) -> Path:
    """A copy of a report with words replaced and the paragraphs containing ``drop`` words removed,
    as a person editing the draft would."""
    document = docx.Document(str(source))
    for p in document.paragraphs:
        if any(word in p.text for word in drop):
            p._p.getparent().remove(p._p)
            continue
        text = p.text
        for old, new in (replace or {}).items():
            text = text.replace(old, new)
        if text != p.text:
            p.text = text
    document.save(str(target))
    return target
