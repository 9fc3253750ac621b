import { sniffMediaType } from 'src/evidence/media-types';

describe(sniffMediaType.name, () => {
  it('recognises PDF, PNG and JPEG by their first bytes', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n%...'))).toBe('application/pdf');
    expect(
      sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])),
    ).toBe('image/png');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
  });

  it('refuses anything else, however it is named', () => {
    expect(sniffMediaType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffMediaType(Buffer.from('PK\x03\x04 a zip or an office file'))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });
});
