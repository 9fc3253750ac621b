/** Code -> text maps of every ToUnicode CMap in an uncompressed pdfkit PDF (one per embedded font). */
function toUnicodeMaps(raw: string): Map<string, string>[] {
  return [...raw.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)].map(([, block]) => {
    const map = new Map<string, string>();
    for (const [, start, targets] of block.matchAll(
      /<([0-9a-f]{4})>\s*<[0-9a-f]{4}>\s*\[([^\]]*)\]/gi,
    )) {
      [...targets.matchAll(/<([0-9a-f ]+)>/gi)].forEach(([, units], offset) => {
        const code = (parseInt(start, 16) + offset).toString(16).padStart(4, '0');
        map.set(
          code,
          String.fromCharCode(
            ...units
              .trim()
              .split(/\s+/)
              .map((unit) => parseInt(unit, 16)),
          ),
        );
      });
    }
    return map;
  });
}

/** Every line of text the PDF shows: each TJ array decoded with the font map that knows all its glyphs. */
export function pdfText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const maps = toUnicodeMaps(raw);
  return [...raw.matchAll(/\[([^\]]*)\]\s*TJ/g)].flatMap(([, array]) => {
    const codes = [...array.matchAll(/<([0-9a-f]*)>/gi)].flatMap(
      ([, hex]) => hex.match(/.{4}/g) ?? [],
    );
    return maps
      .filter((map) => codes.every((code) => map.has(code)))
      .map((map) => codes.map((code) => map.get(code)).join(''));
  });
}
