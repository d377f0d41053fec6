import { describe, expect, it } from 'vitest';
import { cleanFileName, sniffFileType } from '../../../worker/src/domain/file-types.ts';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffFileType', () => {
  it('knows PNG, JPEG, GIF, WebP and PDF by their first bytes', () => {
    expect(sniffFileType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('image/png');
    expect(sniffFileType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'))).toBe('image/jpeg');
    expect(sniffFileType(bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffFileType(bytes('GIF87a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffFileType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffFileType(bytes('%PDF-1.4\n'))).toBe('application/pdf');
  });

  it('refuses everything else, including look-alikes and truncated headers', () => {
    expect(sniffFileType(bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0]))).toBeNull(); // Windows executable
    expect(sniffFileType(bytes([0x7f], 'ELF', [2, 1, 1, 0]))).toBeNull();
    expect(sniffFileType(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBeNull(); // audio in a RIFF box
    expect(sniffFileType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffFileType(bytes('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffFileType(bytes([0x89], 'PN'))).toBeNull();
    expect(sniffFileType(new Uint8Array())).toBeNull();
  });
});

describe('cleanFileName', () => {
  it('keeps the last path segment without control or quote characters', () => {
    expect(cleanFileName('C:\\Users\\kim\\receipt.pdf', 'application/pdf')).toBe('receipt.pdf');
    expect(cleanFileName(encodeURIComponent('../../etc/pass"wd\n.png'), 'image/png')).toBe('passwd.png');
    expect(cleanFileName(encodeURIComponent('bon d’achat €.pdf'), 'application/pdf')).toBe('bon d’achat €.pdf');
    expect(cleanFileName(undefined, 'image/jpeg')).toBe('attachment.jpg');
    expect(cleanFileName('%E0%A4%A', 'image/png')).toBe('%E0%A4%A');
    expect(cleanFileName('x'.repeat(300), 'image/png')).toHaveLength(120);
  });
});
