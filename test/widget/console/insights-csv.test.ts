import { expect } from '@open-wc/testing';
import { csvCell, csvFileName, downloadCsv, toCsv } from '../../../widget/src/console/insights-csv.ts';
import { periodOf, periodProblem } from '../../../widget/src/console/insights-period.ts';

describe('Insights CSV', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('plain')).to.equal('plain');
    expect(csvCell('a,b')).to.equal('"a,b"');
    expect(csvCell('say "hi"')).to.equal('"say ""hi"""');
    expect(csvCell('two\nlines')).to.equal('"two\nlines"');
    expect(csvCell('cr\rhere')).to.equal('"cr\rhere"');
    expect(csvCell(' padded')).to.equal('" padded"');
    expect(csvCell(null)).to.equal('');
    expect(csvCell(Number.NaN)).to.equal('');
  });

  it('neutralises text a spreadsheet would run as a formula, but keeps negative numbers', () => {
    expect(csvCell('=1+1')).to.equal("'=1+1");
    expect(csvCell('+31 6 1234')).to.equal("'+31 6 1234");
    expect(csvCell('-2+3')).to.equal("'-2+3");
    expect(csvCell('@SUM(A1)')).to.equal("'@SUM(A1)");
    expect(csvCell('\t=cmd')).to.equal("'\t=cmd");
    expect(csvCell('=HYPERLINK("x","y")')).to.equal('"\'=HYPERLINK(""x"",""y"")"');
    expect(csvCell('a=b')).to.equal('a=b');
    expect(csvCell(-5)).to.equal('-5');
    expect(csvCell(0.25)).to.equal('0.25');
  });

  it('writes a header and rows with CRLF line ends', () => {
    expect(toCsv(['Day', 'Note'], [['2025-01-01', 'ok'], ['2025-01-02', null]])).to.equal('Day,Note\r\n2025-01-01,ok\r\n2025-01-02,\r\n');
  });

  it('makes file names safe', () => {
    expect(csvFileName('samen-insights', 'contacts-per-day', '2025-01-01', '2025-01-31', '')).to.equal(
      'samen-insights-contacts-per-day-2025-01-01-2025-01-31.csv',
    );
    expect(csvFileName('samen-insights', 'top', 'nk/tent:2P ../x')).to.equal('samen-insights-top-nk-tent-2p-..-x.csv');
  });

  it('downloads through a Blob link holding a byte order mark and the CSV', async () => {
    const clicked: { href: string; download: string }[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    };
    try {
      downloadCsv('x.csv', 'A,B\r\n1,2\r\n');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked).to.have.length(1);
    expect(clicked[0]!.download).to.equal('x.csv');
    expect(clicked[0]!.href).to.match(/^blob:/);
    const bytes = new Uint8Array(await (await fetch(clicked[0]!.href)).arrayBuffer());
    expect(Array.from(bytes.slice(0, 3))).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).to.equal('A,B\r\n1,2\r\n');
    expect(document.querySelectorAll('a[download]')).to.have.length(0);
  });
});

describe('Insights period', () => {
  it('counts presets back from today, today included (UTC)', () => {
    const now = Date.UTC(2025, 2, 31, 23, 30);
    expect(periodOf({ preset: 7 }, now)).to.deep.equal({ from: '2025-03-25', to: '2025-03-31' });
    expect(periodOf({ preset: 90 }, now)).to.deep.equal({ from: '2025-01-01', to: '2025-03-31' });
    expect(periodOf({ preset: 'custom', from: '2024-02-01', to: '2024-02-29' }, now)).to.deep.equal({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('explains what is wrong with chosen days', () => {
    expect(periodProblem('', '2025-01-01')).to.equal('missing');
    expect(periodProblem('2025-02-30', '2025-03-01')).to.equal('missing');
    expect(periodProblem('2025-03-02', '2025-03-01')).to.equal('order');
    expect(periodProblem('2024-01-01', '2024-12-31')).to.equal(null);
    expect(periodProblem('2024-01-01', '2025-01-01')).to.equal('tooLong');
  });
});
