#!/usr/bin/env python3
"""Writes the importer's own small fixtures into tests/fixtures/import/.

Standard library only: the xlsx files are hand-rolled with zipfile (inline strings, one shared
string, a custom date number format, real date cells, a numeric phone cell). Output is
deterministic (fixed zip timestamps), so re-running the script changes nothing.
Run from the crate root:  python3 tools/make_test_fixtures.py
"""

import os
import zipfile
from xml.sax.saxutils import escape

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "import")
STAMP = (2024, 1, 1, 0, 0, 0)

HEADERS = ["客户名称", "客户备注", "描述", "性别", "添加人", "添加时间", "企业标签", "手机",
           "external_userid", "生日"]
# Same customers in every text format. Row 3 repeats row 1 (same external_userid) with an
# earlier add time; row 4 has no id and no phone (dedup falls back to name + staff).
ROWS = [
    ["张三", "张总", "第一行\n第二行", "男", "林晓雯", "2024/3/5 14:02", "VIP,普洱", "13800123456",
     "wm_a", "5月1日"],
    ["李四", "", "", "女", "王浩然", "2024-03-06 09:15:30", "老客；红茶", "0571-5550 1879", "", ""],
    ["张三", "张三-复购", "", "男", "王浩然", "2024年3月1日", "复购、VIP", "13800123456", "wm_a", ""],
    ["Tony,王", "", "", "未知", "陈嘉怡", "45356.5847222222", "新客", "", "", ""],
]


def csv_cell(value, delimiter):
    if any(c in value for c in (delimiter, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def delimited(rows, delimiter=",", newline="\r\n"):
    return newline.join(delimiter.join(csv_cell(c, delimiter) for c in row) for row in rows) + newline


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def zip_bytes(parts):
    path = os.path.join(OUT, ".tmp.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            z.writestr(zipfile.ZipInfo(name, STAMP), text.encode("utf-8"))
    with open(path, "rb") as f:
        data = f.read()
    os.remove(path)
    return data


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows, merge=None):
    """rows: list of lists of cells; a cell is str (inline), ('n', number), ('d', serial),
    ('s', shared index) or None."""
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append('<row r="%d">' % r)
        for c, cell in enumerate(row):
            ref = "%s%d" % (col_letter(c), r)
            if cell is None or cell == "":
                continue
            if isinstance(cell, str):
                out.append('<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>'
                           % (ref, escape(cell)))
            elif cell[0] == "n":
                out.append('<c r="%s"><v>%r</v></c>' % (ref, cell[1]))
            elif cell[0] == "d":
                out.append('<c r="%s" s="1"><v>%r</v></c>' % (ref, cell[1]))
            elif cell[0] == "s":
                out.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, cell[1]))
        out.append("</row>")
    out.append("</sheetData>")
    if merge:
        out.append('<mergeCells count="1"><mergeCell ref="%s"/></mergeCells>' % merge)
    out.append("</worksheet>")
    return "".join(out)


def workbook(sheets, shared):
    """sheets: list of (name, sheet xml)."""
    ct = ['<?xml version="1.0" encoding="UTF-8"?>',
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>']
    for i, _ in enumerate(sheets, start=1):
        ct.append('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % i)
    ct.append("</Types>")
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ['<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>']
    wb_rels = ['<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for i, (name, _) in enumerate(sheets, start=1):
        wb.append('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(name), i, i))
        wb_rels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i, i))
    n = len(sheets)
    wb.append("</sheets></workbook>")
    wb_rels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' % (n + 1))
    wb_rels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' % (n + 2))
    wb_rels.append("</Relationships>")
    styles = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d h:mm"/></numFmts>'
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
              '<borders count="1"><border/></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
              '</styleSheet>')
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
           % (len(shared), len(shared), "".join("<si><t>%s</t></si>" % escape(s) for s in shared)))
    parts = [("[Content_Types].xml", "".join(ct)), ("_rels/.rels", rels), ("xl/workbook.xml", "".join(wb)),
             ("xl/_rels/workbook.xml.rels", "".join(wb_rels)), ("xl/styles.xml", styles),
             ("xl/sharedStrings.xml", sst)]
    for i, (_, xml) in enumerate(sheets, start=1):
        parts.append(("xl/worksheets/sheet%d.xml" % i, xml))
    return zip_bytes(parts)


def customers_xlsx():
    # Sheet 1 is a note (no table): detection must pick sheet 2. Row 1's name is a shared
    # string; its add time and phone are numeric cells, row 2's add time keeps its seconds.
    note = sheet_xml([["这个工作表只是说明"]])
    rows = [HEADERS]
    r1 = [("s", 0)] + ROWS[0][1:5] + [("d", 45356.58472222222)] + ROWS[0][6:7] + [("n", 13800123456.0)] + ROWS[0][8:]
    r2 = ROWS[1][:5] + [("d", 45357.38576388889)] + ROWS[1][6:]
    r3 = list(ROWS[2])
    r4 = ROWS[3][:5] + [("n", 45356.5847222222)] + ROWS[3][6:]
    rows += [r1, [], r2, r3, r4]  # an empty row 3 in the sheet: data rows are 2, 4, 5, 6
    return workbook([("说明", note), ("客户", sheet_xml(rows))], ["张三"])


def openscrm_xlsx():
    headers = ["客户名称", "客户备注", "添加人", "添加时间", "企业标签", "性别", "电话", "年龄"]
    rows = [["客户列表(导出时间: 2024-04-01 10:00:00)"], headers,
            ["Amy🍀", "0115进群-乌龙", "林晓雯", "2024-03-31 22:00:00 +0800 CST", "高价值,普洱", "1", "13800395551", "0"],
            ["Emma", "", "赵思琪", "2024-03-31 19:23:41 +0800 CST", "乌龙", "2", "137 0076 6327", "0"],
            ["Emma", "", "赵思琪", "2024-03-30 08:00:00 +0800 CST", "茶具", "0", "", "0"]]
    return workbook([("客户列表", sheet_xml(rows, merge="A1:H1"))], [])


def main():
    purchases()
    os.makedirs(OUT, exist_ok=True)
    table = [HEADERS] + ROWS
    write("customers_utf8.csv", delimited(table, newline="\n").encode("utf-8"))
    write("customers_utf8_bom.csv", b"\xef\xbb\xbf" + delimited(table).encode("utf-8"))
    write("customers_gbk.csv", delimited(table).encode("gbk"))
    write("customers_semicolon.csv", delimited(table, delimiter=";").encode("utf-8"))
    write("customers_utf16.txt", b"\xff\xfe" + delimited(table, delimiter="\t").encode("utf-16-le"))
    title = [["客户列表(导出时间: 2024-04-01 10:00:00)"]] + table
    write("customers_title_row.csv", b"\xef\xbb\xbf" + delimited(title).encode("utf-8"))
    xlsx = customers_xlsx()
    write("customers.xlsx", xlsx)
    write("openscrm.xlsx", openscrm_xlsx())
    write("formula.csv", delimited([["客户名称", "客户备注", "手机"],
                                    ["@王五", "=1+1", "+86 138 0011 2234"]]).encode("utf-8"))

    write("broken_truncated.xlsx", xlsx[: len(xlsx) * 6 // 10])
    write("broken_empty.csv", b"")
    write("broken_blank.csv", b"\xef\xbb\xbf\r\n  \r\n")
    write("broken_header_only.csv", delimited([HEADERS]).encode("utf-8"))
    write("broken_photo.csv", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4)
    # Row 3 opens a quote that runs to the end of the file.
    write("broken_quotes.csv", "客户名称,客户备注,手机\n王芳,王姐,13800112233\n李雷,\"李哥,13800112234\n韩梅梅,韩老师,13800112235\n".encode("utf-8"))
    # UTF-8 with BOM, but row 3 was pasted in as GBK.
    write("broken_mixed.csv", b"\xef\xbb\xbf" + "客户名称,手机\r\n王芳,13800112233\r\n".encode("utf-8")
          + "李雷,13800112234\r\n".encode("gbk"))
    write("broken_wide.csv", ("客户名称,手机,标签\n王芳,13800112233,VIP\n" + ",".join("x%d" % i for i in range(1001)) + "\n").encode("utf-8"))


# Order exports for the purchases importer, naming the customers above. UTF-8 with BOM and
# order numbers (row 8 is Excel's float of an order number and a serial date; row 7 repeats
# row 2); GBK without order numbers (row 4 repeats row 2).
PURCHASES_UTF8 = [
    ["订单编号", "付款时间", "外部联系人ID", "买家昵称", "手机号", "商品名称", "订单金额", "实付金额", "优惠金额"],
    ["P240310001", "2024/3/10 20:15", "wm_a", "张三", "", "白茶饼 ×2", "¥1,299.00", "¥1,199.00", "100"],
    ["P240312002", "2024-03-12 09:00", "", "李四", "0571-5550 1879", "红茶礼盒", "268", "268", ""],
    ["P240315003", "2024年3月15日", "", "Tony,王", "", "普洱小饼", "59.9", "59.90", "0"],
    ["P240316004", "2024/3/16", "", "赵六", "13900000000", "茶具", "88", "88", ""],
    ["P240317005", "下周", "wm_a", "张三", "", "茶杯", "1", "1", ""],
    ["P240318006", "2024/3/18", "", "李四", "", "赠品", "免费", "免费", ""],
    ["P240310001", "2024/3/10 20:15", "wm_a", "张三", "", "白茶饼 ×2", "¥1,299.00", "¥1,199.00", "100"],
    ["240320007.0", "45371.5", "wm_a", "", "", "白茶散茶", "99", "99", ""],
]
PURCHASES_GBK = [
    ["下单时间", "客户", "手机", "商品", "金额", "是否优惠"],
    ["2024/4/1 10:00", "张三", "13800123456", "白茶饼", "128", "是"],
    ["2024/4/2 11:30", "李四", "0571-5550 1879", "红茶", "68.5", "否"],
    ["2024/4/1 10:00", "张三", "13800123456", "白茶饼", "128", "是"],
]


def purchases():
    write("purchases_utf8_bom.csv", b"\xef\xbb\xbf" + delimited(PURCHASES_UTF8).encode("utf-8"))
    write("purchases_gbk.csv", delimited(PURCHASES_GBK).encode("gbk"))


if __name__ == "__main__":
    main()
