import PDFDocument from 'pdfkit';
import { toBuffer as qrPng } from 'qrcode';
import { html } from 'src/common/http/html';
import { collectPdf, PDF_BOLD, PDF_REGULAR } from 'src/common/pdf';
import type { LetterVerdict } from 'src/letters/letter-rules';

export interface LetterFacts {
  number: string;
  holderName: string;
  memberNumber: string | null;
  purpose: string;
  issuedOn: string;
  validUntil: string;
}

/**
 * The letter as a PDF (A4 portrait) with a QR code to its public page, which says whether it is
 * genuine and still valid: a printout can be forged or stale, the page cannot.
 */
export async function renderLetter(
  letter: LetterFacts,
  verifyUrl: string,
  association: string,
): Promise<Buffer> {
  const qr = await qrPng(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 64,
    compress: false,
    info: { Title: `Recommendation letter ${letter.number}`, Author: association },
  });
  const done = collectPdf(doc);
  const width = doc.page.width - 128;
  doc.font(PDF_BOLD).fontSize(14).text(association, { align: 'center', width });
  doc.moveDown(1.5).fontSize(18).text('Letter of recommendation', { align: 'center', width });
  doc.font(PDF_REGULAR).fontSize(11).text(`Number ${letter.number}`, { align: 'center', width });
  doc.moveDown(2).fontSize(12);
  doc.text(
    `${association} states that ${letter.holderName}${letter.memberNumber ? `, member number ${letter.memberNumber},` : ''} is a member in good standing, with every requirement of membership, ethics and continuing professional development met on ${letter.issuedOn}.`,
    { width },
  );
  doc.moveDown(1).text(`This letter is given for: ${letter.purpose}.`, { width });
  doc
    .moveDown(1)
    .text(`It is valid until ${letter.validUntil}, while the member stays in good standing.`, {
      width,
    });
  const qrSize = 120;
  const qrY = doc.page.height - 64 - qrSize;
  doc.image(qr, 64, qrY, { width: qrSize, height: qrSize });
  doc
    .fontSize(10)
    .fillColor('#333')
    .text(
      'Scan to check that this letter is genuine and still valid:',
      64 + qrSize + 24,
      qrY + 36,
      {
        width: width - qrSize - 24,
      },
    )
    .text(verifyUrl, { width: width - qrSize - 24, link: verifyUrl, underline: true });
  doc.end();
  return done;
}

const VERDICT: Record<LetterVerdict, string> = {
  valid:
    'Genuine and valid. The association issued this letter and the member is in good standing.',
  expired: 'Genuine, but expired. The association issued this letter; its validity has ended.',
  'holder-not-in-good-standing':
    'Genuine, but no longer valid. The association issued this letter; the member is not in good standing today.',
};

/** The public page of a letter: plain HTML, no script, nothing personal beyond the name. */
export function renderLetterPage(
  association: string,
  letter: (LetterFacts & { verdict: LetterVerdict }) | null,
  number: string,
): string {
  const body = letter
    ? html`<h1>Letter ${letter.number}</h1>
        <p class="verdict ${letter.verdict}">${VERDICT[letter.verdict]}</p>
        <dl>
          <dt>Member</dt>
          <dd>${letter.holderName}</dd>
          <dt>For</dt>
          <dd>${letter.purpose}</dd>
          <dt>Issued</dt>
          <dd>${letter.issuedOn}</dd>
          <dt>Valid until</dt>
          <dd>${letter.validUntil}</dd>
        </dl>`
    : html`<h1>Letter ${number}</h1>
        <p class="verdict unknown">
          Not genuine. The association has issued no letter with this number.
        </p>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Letter ${number} · ${association}</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            max-width: 44rem;
            margin: 2rem auto;
            padding: 0 1rem;
          }
          .verdict {
            padding: 1rem;
            border-radius: 0.5rem;
            font-size: 1.1rem;
          }
          .valid {
            background: #e3f4e8;
            border: 2px solid #1e7b3a;
          }
          .expired,
          .holder-not-in-good-standing,
          .unknown {
            background: #fbe2e2;
            border: 2px solid #a1141f;
          }
          dl {
            display: grid;
            grid-template-columns: max-content 1fr;
            gap: 0.4rem 1rem;
          }
          dt {
            font-weight: 600;
          }
        </style>
      </head>
      <body>
        <header><p>${association} · recommendation letters</p></header>
        <main>${body}</main>
      </body>
    </html>`.toString();
}
