import { Utf8LineCheck } from 'src/common/encoding/utf8-lines';

const check = (chunks: Buffer[]) => {
  const lines = new Utf8LineCheck();
  for (const chunk of chunks) {
    const bad = lines.push(chunk);
    if (bad !== null) return bad;
  }
  return lines.end();
};

describe(Utf8LineCheck.name, () => {
  const text = Buffer.from('name\nDésirée Ñoman\n山田 太郎\n', 'utf8');

  it('accepts UTF-8, however the chunks split its characters', () => {
    expect(check([text])).toBeNull();
    for (let cut = 1; cut < text.length; cut++) {
      expect(check([text.subarray(0, cut), text.subarray(cut)])).toBeNull();
    }
    expect(check([...text].map((byte) => Buffer.from([byte])))).toBeNull();
  });

  it('names the first line that is not UTF-8, e.g. from a Windows-1252 file', () => {
    const latin1 = Buffer.from('name\nSiti\nD\xe9sir\xe9e\nAgus\n', 'latin1');
    expect(check([latin1])).toBe(3);
    expect(check([latin1.subarray(0, 9), latin1.subarray(9)])).toBe(3);
  });

  it('checks a last line without a newline when the stream ends', () => {
    expect(check([Buffer.from('name\nD\xe9sir\xe9e', 'latin1')])).toBe(2);
    expect(check([Buffer.from('name\nDésirée', 'utf8')])).toBeNull();
  });

  it('refuses a UTF-16 file on its first line (its byte-order mark)', () => {
    expect(check([Buffer.from('\ufeffname\r\n', 'utf16le')])).toBe(1);
  });
});
