#!/usr/bin/env python3
"""Writes the .xlsx test fixtures by hand, as minimal Office Open XML (ECMA-376 Part 1:
workbook, relationships, shared strings, styles and worksheets), with the standard library
only. The fixtures are committed; this script documents how they were made:

    python3 Tests/Fixtures/data/xlsx/make_fixtures.py

Figures: State Bank of Pakistan, Pakistan's trade with the US (shared/sources/
pakistan_trade_with_us_sbp_fy.csv); dates are the last day of each Pakistan fiscal year
(July-June), the period the source gives for each row.
"""
import datetime
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = (2026, 1, 1, 0, 0, 0)


def serial(date, date1904=False):
    """An Excel serial number (1900 system counts the phantom 29 February 1900)."""
    if date1904:
        return (date - datetime.date(1904, 1, 1)).days
    return (date - datetime.date(1899, 12, 30)).days


def esc(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def col_name(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def write(name, sheets, date1904=False, custom_format="yyyy-mm-dd", extra_parts=None):
    """sheets: [(sheet name, rows)]; a row is a list of cells, None for an empty cell:
    str (shared string), int/float (number), ("date", serial), ("datetime", serial),
    ("builtin-date", serial), ("inline", str), ("bool", b), ("error", "#N/A"), ("str", formula text)."""
    strings, index = [], {}

    def sst(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    sheet_xml = []
    for _, rows in sheets:
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>']
        for r, row in enumerate(rows, start=1):
            if row is None:
                continue
            cells = []
            for c, cell in enumerate(row, start=1):
                ref = f"{col_name(c)}{r}"
                if cell is None:
                    continue
                if isinstance(cell, bool):
                    cells.append(f'<c r="{ref}" t="b"><v>{int(cell)}</v></c>')
                elif isinstance(cell, str):
                    cells.append(f'<c r="{ref}" t="s"><v>{sst(cell)}</v></c>')
                elif isinstance(cell, (int, float)):
                    cells.append(f'<c r="{ref}"><v>{cell}</v></c>')
                else:
                    kind, value = cell
                    if kind == "date":
                        cells.append(f'<c r="{ref}" s="1"><v>{value}</v></c>')
                    elif kind == "datetime":
                        cells.append(f'<c r="{ref}" s="2"><v>{value}</v></c>')
                    elif kind == "builtin-date":
                        cells.append(f'<c r="{ref}" s="3"><v>{value}</v></c>')
                    elif kind == "inline":
                        cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{esc(value)}</t></is></c>')
                    elif kind == "error":
                        cells.append(f'<c r="{ref}" t="e"><v>{esc(value)}</v></c>')
                    elif kind == "bool":
                        cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
                    elif kind == "sst-index":
                        cells.append(f'<c r="{ref}" t="s"><v>{value}</v></c>')
                    elif kind == "str":
                        cells.append(f'<c r="{ref}" t="str"><f>A1</f><v>{esc(value)}</v></c>')
            out.append(f'<row r="{r}">' + "".join(cells) + "</row>")
        out.append("</sheetData></worksheet>")
        sheet_xml.append("".join(out))

    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                + (f'<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>") + "<sheets>"
                + "".join(f'<sheet name="{esc(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, (n, _) in enumerate(sheets, 1))
                + "</sheets></workbook>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, len(sheets) + 1))
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            + f'<Relationship Id="rId{len(sheets) + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>")
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
              + "".join(f"<si><t>{esc(s)}</t></si>" for s in strings) + "</sst>")
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              f'<numFmts count="2"><numFmt numFmtId="164" formatCode="{esc(custom_format)}"/>'
              '<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>'
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
              '<borders count="1"><border/></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
              "</styleSheet>")
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                     + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                               for i in range(1, len(sheets) + 1))
                     + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                     '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                     "</Types>")
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                 "</Relationships>")
    parts = [("[Content_Types].xml", content_types), ("_rels/.rels", root_rels), ("xl/workbook.xml", workbook),
             ("xl/_rels/workbook.xml.rels", rels), ("xl/sharedStrings.xml", shared), ("xl/styles.xml", styles)]
    parts += [(f"xl/worksheets/sheet{i}.xml", x) for i, x in enumerate(sheet_xml, 1)]
    parts += extra_parts or []
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts:
            info = zipfile.ZipInfo(part, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)


# SBP: Pakistan's trade with the US, by fiscal year (July-June), USD millions.
SBP = [
    (datetime.date(2018, 6, 30), 3860, None),
    (datetime.date(2019, 6, 30), 4042.701, 2097.595),
    (datetime.date(2020, 6, 30), 3897.852, 2261.543),
    (datetime.date(2021, 6, 30), 5030.724, 2447.281),
    (datetime.date(2022, 6, 30), 6798.982, 3055.169),
    (datetime.date(2023, 6, 30), 5932.358, None),
    (datetime.date(2024, 6, 30), 5432.929, None),
]
TITLE = "Pakistan's trade with the US, USD millions (State Bank of Pakistan)"
NOTE = "Source: State Bank of Pakistan, as reported by APP; imports for FY2022-23 onwards not reported."


def sbp_rows(date1904=False):
    rows = [[TITLE], ["period_end", "exports_to_us_musd", "imports_from_us_musd"]]
    for date, exports, imports in SBP:
        rows.append([("date", serial(date, date1904)), exports, imports])
    rows.append([NOTE])
    return rows


def sbp_csv():
    """The same table as Excel's "CSV UTF-8" export writes it: the used range, dates in the
    cell's format, empty cells as nothing, CRLF line ends and a byte order mark."""
    lines = [f"\"{TITLE}\",,"] if "," in TITLE else [f"{TITLE},,"]
    lines.append("period_end,exports_to_us_musd,imports_from_us_musd")
    for date, exports, imports in SBP:
        lines.append(f"{date.isoformat()},{exports},{'' if imports is None else imports}")
    lines.append(f"\"{NOTE}\",," if "," in NOTE else f"{NOTE},,")
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


if __name__ == "__main__":
    write("sbp_trade.xlsx", [("SBP trade", sbp_rows())])
    with open(os.path.join(HERE, "sbp_trade.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(sbp_csv())
    write("sbp_trade_1904.xlsx", [("SBP trade", sbp_rows(date1904=True))], date1904=True)
    # Every kind of cell, on the second of two sheets, inside a range.
    write("cells.xlsx", [
        ("Cover", [["This workbook's data is on the next sheet"]]),
        ("Data", [
            None,
            [None, "label", "value", "when", "flag"],
            [None, ("inline", "inline & <escaped>"), 1.5, ("builtin-date", 59), ("bool", True)],
            [None, "shared", ("error", "#N/A"), ("builtin-date", 61), ("bool", False)],
            [None, ("str", "formula text"), -2, ("datetime", 43831.5), None],
            [None, "outside", 9, None, None, "ignored by the range"],
        ]),
    ])
    # Mistakes, one per file.
    write("bad_number.xlsx", [("Sheet1", [
        ["year", "value"], [2019, 1], [2020, 2], [2021, 3], [2022, 4], [2023, 5], [2024, "n/a?"],
    ])])
    write("leap_bug.xlsx", [("Sheet1", [["day", "value"], [("date", 59), 1], [("date", 60), 2], [("date", 61), 3]])])
    write("bad_shared_string.xlsx", [("Sheet1", [["label", "value"], ["a", 1], [("sst-index", 99), 2]])])
