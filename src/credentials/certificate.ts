import PDFDocument from 'pdfkit';
import { toBuffer as qrPng } from 'qrcode';
import { collectPdf, PDF_BOLD as BOLD, PDF_REGULAR as REGULAR } from 'src/common/pdf';
import type { PublicCredentialResponse } from 'src/credentials/dto/public-credential.dto';

/**
 * A printable certificate (A4 landscape) with a QR code to the credential's public page, which
 * always shows the live status: a printout can be stale, the page cannot. Streams are left
 * uncompressed so the text stays searchable and easy to inspect.
 */
export async function renderCertificate(
  credential: PublicCredentialResponse,
  verifyUrl: string,
  association: string,
): Promise<Buffer> {
  const qr = await qrPng(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 56,
    compress: false,
    info: {
      Title: `${credential.credentialType.name} ${credential.number}`,
      Author: credential.issuingAuthority,
    },
  });
  const done = collectPdf(doc);

  const width = doc.page.width - 2 * 56;
  doc
    .lineWidth(3)
    .rect(28, 28, doc.page.width - 56, doc.page.height - 56)
    .stroke('#1e3a5f');
  doc.moveDown(0.5).font(REGULAR).fontSize(12).fillColor('#1e3a5f');
  doc.text(association, { align: 'center', width });
  doc.moveDown(1).font(BOLD).fontSize(24);
  doc.text(credential.credentialType.name, { align: 'center', width });
  doc
    .moveDown(1)
    .font(REGULAR)
    .fontSize(14)
    .fillColor('#000')
    .text('This certifies that', { align: 'center', width });
  doc.moveDown(0.5).font(BOLD).fontSize(26).text(credential.holderName, { align: 'center', width });
  if (credential.credentialType.profession) {
    doc
      .moveDown(0.3)
      .font(REGULAR)
      .fontSize(14)
      .text(credential.credentialType.profession, { align: 'center', width });
  }
  doc.moveDown(1).font(REGULAR).fontSize(13);
  doc.text(`Number: ${credential.number}`, { align: 'center', width });
  doc.text(
    `Valid from ${credential.validFrom} ${credential.validUntil ? `to ${credential.validUntil}` : 'for life'}`,
    {
      align: 'center',
      width,
    },
  );
  doc.text(`Issued by ${credential.issuingAuthority}`, { align: 'center', width });

  const qrSize = 120;
  const qrY = doc.page.height - 56 - qrSize - 24;
  doc.image(qr, 56 + 8, qrY, { width: qrSize, height: qrSize });
  doc
    .font(REGULAR)
    .fontSize(10)
    .fillColor('#333')
    .text('Scan to check the live status of this credential:', 56 + qrSize + 24, qrY + 36, {
      width: width - qrSize - 24,
    })
    .text(verifyUrl, { width: width - qrSize - 24, link: verifyUrl, underline: true });
  doc.end();
  return done;
}
