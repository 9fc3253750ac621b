import ical, { ICalEventStatus } from 'ical-generator';
import PDFDocument from 'pdfkit';
import { collectPdf, PDF_BOLD, PDF_REGULAR } from 'src/common/pdf';
import type { CalendarShift } from 'src/volunteering/volunteering.repository';

/** A volunteer's shifts as an iCalendar feed: confirmed ones as such, waiting ones tentative. */
export function shiftsCalendar(association: string, shifts: CalendarShift[]): string {
  const calendar = ical({
    name: `${association}: my volunteer shifts`,
    prodId: '//Guildhall//Volunteering//EN',
  });
  for (const shift of shifts) {
    calendar.createEvent({
      id: `${shift.signupId}@guildhall`,
      start: new Date(shift.startsAt),
      end: new Date(shift.endsAt),
      summary: `${shift.role}: ${shift.programTitle}${shift.status === 'waiting' ? ' (waiting list)' : ''}`,
      location: shift.place,
      status: shift.status === 'confirmed' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
    });
  }
  return calendar.toString();
}

export interface ServiceFacts {
  fullName: string;
  programTitle: string;
  cause: string;
  place: string;
  hours: number;
  firstDay: string | null;
  lastDay: string | null;
  issuedOn: string;
}

/** A certificate of service: who served, in what program, how many approved hours, when. */
export function renderServiceCertificate(
  facts: ServiceFacts,
  association: string,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 64,
    compress: false,
    info: { Title: `Certificate of service: ${facts.fullName}`, Author: association },
  });
  const done = collectPdf(doc);
  const width = doc.page.width - 128;
  doc.font(PDF_BOLD).fontSize(14).text(association, { align: 'center', width });
  doc.moveDown(1.5).fontSize(18).text('Certificate of service', { align: 'center', width });
  doc.moveDown(2).font(PDF_REGULAR).fontSize(12);
  const period =
    facts.firstDay && facts.lastDay
      ? facts.firstDay === facts.lastDay
        ? ` on ${facts.firstDay}`
        : ` from ${facts.firstDay} to ${facts.lastDay}`
      : '';
  doc.text(
    `${association} thanks ${facts.fullName}, who served as a volunteer in ${facts.programTitle} (${facts.cause}, ${facts.place})${period}: ${facts.hours} hours approved.`,
    { width },
  );
  doc.moveDown(2).fontSize(10).text(`Issued on ${facts.issuedOn}.`, { width });
  doc.end();
  return done;
}
