"""report_table.py - read the output of `daftar report NAME` on stdin.

  report_table.py rows     print "label|count" per table row (no Total)
  report_table.py total    print the Total line's count
  report_table.py align    check the columns line up on screen: every row's
                           count ends, percent ends and bar starts at the
                           same display column; bars are as long as their
                           counts say.  Prints what is wrong; exit 1 if any.

Display width as a terminal places text: 0 for combining marks and format
characters (such as the U+200E marks around Arabic labels), 2 for East
Asian wide/full-width characters, else 1."""
import re
import sys
import unicodedata

BLOCKS = {'\u2588': 8, '\u2589': 7, '\u258a': 6, '\u258b': 5, '\u258c': 4,
          '\u258d': 3, '\u258e': 2, '\u258f': 1}
ROW = re.compile(r'^(.*?)\s+(\d+)\s+(\d+\.\d%)(?:\s+([\u2580-\u259f#]+))?$')


def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ('Mn', 'Me', 'Cf'):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ('W', 'F') else 1
    return w


def table(text):
    """(header line, [(line, label, count, pct, bar)], total line)"""
    lines = text.rstrip('\n').split('\n')
    rows = []
    total = None
    for line in lines[2:]:
        m = ROW.match(line.replace('\u200e', ''))
        if not m:
            raise SystemExit('not a table row: %r' % line)
        item = (line, m.group(1).strip(), int(m.group(2)), m.group(3), m.group(4) or '')
        if item[1] == 'Total' and not item[4]:
            total = item
        else:
            rows.append(item)
    return lines[1], rows, total


def align(text):
    head, rows, total = table(text)
    bad = []
    ends, pcts, bars = set(), set(), set()
    for line, label, count, pct, bar in rows + [total]:
        i = line.index(pct)
        pcts.add(width(line[:i + len(pct)]))
        c = line.rindex(str(count), 0, i)
        ends.add(width(line[:c + len(str(count))]))
        if bar:
            bars.add(width(line[:line.index(bar)]))
    if len(ends) != 1:
        bad.append('counts end at columns %s' % sorted(ends))
    if len(pcts) != 1:
        bad.append('percents end at columns %s' % sorted(pcts))
    if len(bars) != 1:
        bad.append('bars start at columns %s' % sorted(bars))
    # the header's "%" sits over the percent column
    if pcts and width(head.rstrip()) not in pcts:
        bad.append('header %% at %d, percents at %s' % (width(head.rstrip()), sorted(pcts)))
    # bar lengths: proportional to the counts, to the nearest eighth
    top = max(r[2] for r in rows)
    full = [r[4] for r in rows if r[2] == top][0]
    cols = len(full)
    for line, label, count, pct, bar in rows:
        if set(bar) <= {'#'}:
            got, want = len(bar), count * cols / top
            ok = abs(got - want) <= 0.5 + 1e-9 or (got == 1 and count > 0)
        else:
            got = sum(BLOCKS[ch] for ch in bar)
            want = count * cols * 8 / top
            ok = abs(got - want) <= 0.5 + 1e-9 or (got == 1 and count > 0)
        if not ok:
            bad.append('%s: bar of %s for %d of %d' % (label, got, count, top))
    if sum(r[2] for r in rows) != total[2]:
        bad.append('rows add up to %d, Total says %d' % (sum(r[2] for r in rows), total[2]))
    for b in bad:
        print(b)
    return 1 if bad else 0


def main():
    text = sys.stdin.read()
    what = sys.argv[1]
    if what == 'rows':
        for line, label, count, pct, bar in table(text)[1]:
            print('%s|%d' % (label, count))
    elif what == 'total':
        print(table(text)[2][2])
    elif what == 'align':
        sys.exit(align(text))


main()
