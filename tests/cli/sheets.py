#!/usr/bin/python3
# sheets.py - the spreadsheet side of tests/cli/test_sheets.sh, with the
# readers and writers users have: openpyxl (python3-openpyxl) for XLSX,
# odfpy (python3-odf) for ODS.  Run with /usr/bin/python3 (Debian's).
#   sheets.py partner FILE.xlsx     a partner's workbook: Arabic names,
#                                   French headers, date cells, text-
#                                   formatted phones, an empty row, a
#                                   formula, a second sheet, bad cells
#   sheets.py facts FILE.xlsx       what a supervisor's Excel would see
#   sheets.py edit FILE.xlsx HEADER ROW VALUE
#                                   set the cell of column HEADER (its
#                                   label) in data row ROW (1 = first),
#                                   save as Excel would
#   sheets.py ods FILE.ods          the table as odfpy reads it
import datetime
import json
import sys

import openpyxl


def partner(path, bad="1"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Stagiaires"
    ws.append(["Liste des stagiaires, session 2024"])        # a title row
    ws.append(["Nom (arabe)", "Nom (latin)", "Sexe", "Date de naissance",
               "CIN", "Téléphone", "Ville", "Région"])
    ws.append(["محمد أمين العلوي", "Mohamed Amine Alaoui", "M",
               datetime.date(2001, 3, 12), "AB123456", "0612345678", "Fès",
               "فاس مكناس"])
    ws.append(["فاطمة الزهراء بنجلون", "Fatima-Zahra Benjelloun", "F",
               datetime.date(2002, 5, 1), "C98765", "0523456789", "Salé",
               "Rabat-Salé-Kénitra"])
    ws.append([])                                               # row 5
    ws.append(["ياسين الوزاني", "Yassine Ouazzani", "Homme",
               datetime.date(2000, 9, 1), "JB4567", 612345670, "Tanger", 1])
    if bad == "1":
        ws.append(["سعاد", "Souad", "F", 38252, "K111", "0612345671",
                   "=B7&\" \"&C7", None])                       # row 7
        ws.append(["?????? ??????", "Lost", "F", "31/02/2001", "K112",
                   None, None, None])                           # row 8
        ws.append(["هند", "Hind", "F", "2004-09-22 00:00:00", "K113", None,
                   None, "Atlantis"])                           # row 9
    else:
        ws.append(["هند", "Hind", "F", "2004-09-22 00:00:00", "K113", None,
                   None, None])                                 # row 7
    for c in ws["F"][1:]:
        c.number_format = "@"           # text-formatted phones
    ws.column_dimensions["A"].width = 30
    other = wb.create_sheet("Notes")
    other.append(["Ceci n'est pas la liste"])
    wb.save(path)


def facts(path):
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    ps = ws.page_setup
    head = [c.value for c in ws[1]]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    out = {
        "sheets": wb.sheetnames,
        "title": ws.title,
        "header": head,
        "rows": len(rows),
        "rtl": bool(ws.sheet_view.rightToLeft),
        "autofilter": ws.auto_filter.ref,
        "orientation": ps.orientation,
        "paper": ps.paperSize,
        "fit_width": ps.fitToWidth if ps.fitToWidth is not None else 1,
        "fit_height": ps.fitToHeight,
        "fit": bool(ws.sheet_properties.pageSetUpPr.fitToPage),
        "repeat": ws.print_title_rows,
        "frozen": ws.freeze_panes,
        "widths": {k: round(v.width) for k, v in ws.column_dimensions.items()
                   if v.width},
        "types": {},
        "first": [],
        "charts": len(ws._charts),
    }
    for i, h in enumerate(head):
        kinds = set()
        for r in rows:
            v = r[i] if i < len(r) else None
            if v is not None:
                kinds.add(type(v).__name__)
        out["types"][str(h)] = sorted(kinds)
    if rows:
        out["first"] = [v.isoformat() if isinstance(v, datetime.datetime)
                        else v for v in rows[0]]
    print(json.dumps(out, ensure_ascii=False, sort_keys=True))


def edit(path, header, row, value):
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    head = [c.value for c in ws[1]]
    col = head.index(header) + 1
    cell = ws.cell(row=int(row) + 1, column=col)
    cell.value = value if value != "" else None
    wb.save(path)


def ods(path):
    from odf import table
    from odf.opendocument import load
    doc = load(path)
    t = doc.spreadsheet.getElementsByType(table.Table)[0]
    rows = []
    for r in t.getElementsByType(table.TableRow):
        cells = []
        for c in r.getElementsByType(table.TableCell):
            n = int(c.getAttribute("numbercolumnsrepeated") or 1)
            v = (c.getAttribute("valuetype"), c.getAttribute("datevalue") or
                 c.getAttribute("value") or str(c))
            cells.extend([v] * min(n, 64))
        rows.append(cells)
    print(json.dumps({"name": t.getAttribute("name"), "rows": rows},
                     ensure_ascii=False))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"partner": partner, "facts": facts, "edit": edit, "ods": ods}[cmd](*args)
