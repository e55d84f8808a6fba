// The grid's pure pieces: clipboard TSV (round trip, Excel's quoting), the keys' moves and
// the fixed-height window.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { parseTsv, toTsv } from '../../src/elements/grid/tsv.js';
import { moveCell, visibleRows } from '../../src/elements/grid/navigation.js';

describe('grid: TSV, moves, window', () => {
  it('parseTsv(toTsv(rows)) gives the rows back, tabs, line breaks and quotes included', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', '\t', '\n', '\r\n', '"', ' ', ''), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0].length;
        const rect = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
        // A last row of one empty cell reads as the trailing line break spreadsheets add (Excel reads it so too).
        fc.pre(!(width === 1 && rect[rect.length - 1][0] === ''));
        expect(parseTsv(toTsv(rect))).to.deep.equal(rect);
      }),
    );
  });

  it('reads what Excel and Sheets put on the clipboard: CRLF, a trailing line break, quoted cells', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).to.deep.equal([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('"x\ny"\t"say ""hi"""\n1\t')).to.deep.equal([['x\ny', 'say "hi"'], ['1', '']]);
    expect(toTsv([['a\tb', '1'], ['"q"', '']])).to.equal('"a\tb"\t1\r\n"""q"""\t');
  });

  it('moveCell: arrows clamp at the edges; Home/End, Ctrl+Home/End, PageUp/Down; other keys do not move', () => {
    const at = { row: 5, col: 2 };
    expect(moveCell('ArrowUp', false, { row: 0, col: 0 }, 10, 4, 3)).to.deep.equal({ row: 0, col: 0 });
    expect(moveCell('ArrowRight', false, at, 10, 4, 3)).to.deep.equal({ row: 5, col: 3 });
    expect(moveCell('ArrowRight', false, { row: 5, col: 3 }, 10, 4, 3)).to.deep.equal({ row: 5, col: 3 });
    expect(moveCell('Home', false, at, 10, 4, 3)).to.deep.equal({ row: 5, col: 0 });
    expect(moveCell('End', true, at, 10, 4, 3)).to.deep.equal({ row: 9, col: 3 });
    expect(moveCell('Home', true, at, 10, 4, 3)).to.deep.equal({ row: 0, col: 0 });
    expect(moveCell('PageDown', false, at, 10, 4, 3)).to.deep.equal({ row: 8, col: 2 });
    expect(moveCell('PageUp', false, at, 10, 4, 30)).to.deep.equal({ row: 0, col: 2 });
    expect(moveCell('a', false, at, 10, 4, 3)).to.equal(undefined);
  });

  it('visibleRows: the rows in view plus the overscan, within the list', () => {
    expect(visibleRows(0, 360, 36, 100_000, 8)).to.deep.equal({ start: 0, end: 18 });
    expect(visibleRows(36 * 1000, 360, 36, 100_000, 8)).to.deep.equal({ start: 992, end: 1018 });
    expect(visibleRows(36 * 99_999, 360, 36, 100_000, 8)).to.deep.equal({ start: 99_991, end: 100_000 });
    expect(visibleRows(0, 360, 36, 0, 8)).to.deep.equal({ start: 0, end: 0 });
  });
});
