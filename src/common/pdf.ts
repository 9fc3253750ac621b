import { dirname, join } from 'node:path';

// DejaVu covers Latin (with every Indonesian and European accent), Greek and Cyrillic; the PDF
// standard fonts stop at Latin-1, and names are stored as given.
const FONTS = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const PDF_REGULAR = join(FONTS, 'DejaVuSans.ttf');
export const PDF_BOLD = join(FONTS, 'DejaVuSans-Bold.ttf');

/** The whole document once it ends: call before writing to it, then `end()` it. */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
}
