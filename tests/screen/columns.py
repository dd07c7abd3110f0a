"""columns.py - check a captured list screen: every data row has its
columns at the screen columns the header shows.  Reads the capture on
stdin; argv: the header labels of the columns to check, in order.
Display width: 0 for combining/format characters, 2 for wide, else 1
(what the terminal placed).  Prints one line per bad row; exit 1 if any."""
import re
import sys
import unicodedata


def cells(line):
    """The line as a list of screen cells (strings)."""
    out = []
    for ch in line:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ('Mn', 'Me', 'Cf'):
            if out:
                out[-1] += ch
            continue
        out.append(ch)
        if unicodedata.east_asian_width(ch) in ('W', 'F'):
            out.append('')
    return out


lines = sys.stdin.read().split('\n')
labels = sys.argv[1:]
head = next(i for i, l in enumerate(lines) if all(x in l for x in labels))
hc = cells(lines[head])
htext = ''.join(c if c else '' for c in hc)
starts = []
for lab in labels:
    # cell index where the label starts
    joined = ''
    for i in range(len(hc)):
        if ''.join(hc[i:i + len(lab)]) == lab:
            starts.append(i)
            break
    else:
        print('label not found:', lab)
        sys.exit(1)
bad = rows = 0
date = re.compile(r'^(\d\d/\d\d/\d{4})?\s*$')
for l in lines[head + 1:]:
    c = cells(l)
    if re.match(r'^\s*[\d,]+\+? rows', l):
        break                   # the list's info line: the rows end here
    if len(c) < starts[-1] or not l.strip():
        continue
    rows += 1
    for k, s in enumerate(starts):
        if c[s - 1] != ' ':
            print('row %d: no separator before %s: %r' % (rows, labels[k], l))
            bad += 1
    fields = [''.join(c[starts[k]:(starts[k + 1] - 1 if k + 1 < len(starts) else len(c))]).strip()
              for k in range(len(starts))]
    for k, lab in enumerate(labels):
        v = fields[k]
        if 'date' in lab.lower() and not date.match(v):
            print('row %d: %s column holds %r' % (rows, lab, v)); bad += 1
        if lab == 'Gender' and v not in ('Female', 'Male'):
            print('row %d: Gender column holds %r' % (rows, v)); bad += 1
        if 'Latin' in lab and v and not re.match(r'^[A-Za-zÀ-ÿ]', v):
            print('row %d: %s column holds %r' % (rows, lab, v)); bad += 1
print('%d rows checked' % rows)
sys.exit(1 if bad or rows < 10 else 0)
