import { readFileSync } from 'node:fs';
import path from 'node:path';
import { create, Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { wrapLines } from './line-wrap';
import { holderName, TranscriptData, TranscriptEntryData } from './transcript-document';

// DejaVu Sans, embedded (subset) in every PDF: it covers Latin, Greek and Cyrillic, so a name such
// as "Łucja Nowak" or "Ольга" prints as written, which PDF's built-in fonts cannot do. The fonts are
// parsed once per process (parsing them was most of the cost of a PDF); each document embeds its
// own subset of the glyphs it uses.
let fonts: { regular: Font; bold: Font } | undefined;
function loadFonts(): { regular: Font; bold: Font } {
  if (!fonts) {
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = {
      regular: create(readFileSync(path.join(dir, 'DejaVuSans.ttf'))),
      bold: create(readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf'))),
    };
  }
  return fonts;
}

const MARGIN = 50;
const FOOTER_SPACE = 40;
const GREY = '#555555';

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
  cell(entry: TranscriptEntryData): string;
}

/** An enum value as words: PETITION_REQUIRED → "Petition required". */
function words(value: string): string {
  const text = value.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const CREDIT_PATH: Record<string, string> = {
  AUTOMATIC: 'Approved provider',
  PETITION_REQUIRED: 'Petition',
};

/** CEUs a pending petition asks for: they count for nothing until approved (R6, R9). */
function pendingCeu(entry: TranscriptEntryData): string | null {
  return entry.standing === 'PETITION_PENDING' ? (entry.completion.petition?.requestedCeu ?? null) : null;
}

const COLUMNS: Column[] = [
  { title: 'Completed', width: 56, cell: (e) => e.completion.completedOn },
  { title: 'Course', width: 134, cell: (e) => e.completion.title },
  { title: 'Provider', width: 96, cell: (e) => e.completion.providerName },
  {
    title: 'Credit path',
    width: 62,
    cell: (e) => CREDIT_PATH[e.completion.creditPath] ?? words(e.completion.creditPath),
  },
  { title: 'Standing', width: 72, cell: (e) => words(e.standing) },
  { title: 'CEU', width: 32, align: 'right', cell: (e) => pendingCeu(e) ?? e.completion.ceuValue },
  {
    title: 'Counted',
    width: 60,
    align: 'right',
    cell: (e) => {
      const pending = pendingCeu(e);
      return pending === null ? e.countedCeu : `${pending} pending`;
    },
  },
];

export interface PdfOptions {
  /** When the document is issued (printed on it and in its metadata). */
  issuedAt: Date;
  /** The API's public address, printed with where to fetch and check the signed copy. */
  publicUrl: string;
  credentialPath: string;
}

/**
 * The transcript as a PDF: trainer, certification, cycle, every entry with its credit path and
 * standing, the CEU totals, compliance on the transcript's date, and the date of issue.
 */
export function renderTranscriptPdf(data: TranscriptData, options: PdfOptions): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const { certification, cycle, ceu, compliance } = data;
  const name = holderName(data);
  const issuedOn = options.issuedAt.toISOString().slice(0, 10);
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `Continuing education transcript: ${name}, ${certification.number}`,
      Author: 'ceu-ledger',
      Subject: `${certification.programCode} recertification cycle ${cycle.startsOn} to ${cycle.expiresOn}`,
      CreationDate: options.issuedAt,
      ModDate: options.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit takes a parsed fontkit font where its types only name the file's bytes.
  doc.registerFont('body', regular as unknown as Buffer);
  doc.registerFont('bold', bold as unknown as Buffer);
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - FOOTER_SPACE;
  // Text is wrapped by line-wrap.ts (in the font and size set last), a point short of the column
  // so that pdfkit never wraps a line again.
  const fit = (text: string, columnWidth: number) =>
    wrapLines(text, columnWidth - 1, (s) => doc.widthOfString(s)).join('\n');

  doc.font('bold').fontSize(18).text('Continuing Education Transcript');
  doc.font('body').fontSize(9).fillColor(GREY).text('ceu-ledger continuing education registry').fillColor('black');
  doc.moveDown(1);

  const facts: [string, string][] = [
    ['Trainer', name],
    ['Certification', `${certification.number} (${certification.programCode})`],
    ['Issued / expires', `${certification.issuedOn} / ${certification.expiresOn}`],
    ['Cycle', `${cycle.startsOn} to ${cycle.expiresOn}; completions count until ${cycle.courseworkDeadline}`],
    ['Transcript as of', data.asOf],
    ['Date of issue', issuedOn],
  ];
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.font('bold').fontSize(10).text(label, left, y, { width: 110 });
    doc.font('body');
    doc.text(fit(value, width - 115), left + 115, y, { width: width - 115 });
    doc.moveDown(0.2);
  }

  const heading = (text: string) => {
    if (doc.y + 40 > bottom()) doc.addPage();
    doc.moveDown(0.8);
    doc.font('bold').fontSize(12).text(text, left, doc.y, { width });
    doc.moveDown(0.3);
  };

  heading('Entries');
  const row = (cells: string[], font: 'body' | 'bold') => {
    doc.font(font).fontSize(8);
    const wrapped = cells.map((cell, i) => fit(cell, COLUMNS[i].width - 4));
    const heights = wrapped.map((cell, i) => doc.heightOfString(cell, { width: COLUMNS[i].width - 4 }));
    const height = Math.max(...heights) + 4;
    if (doc.y + height > bottom()) {
      doc.addPage();
      if (font === 'body')
        row(
          COLUMNS.map((c) => c.title),
          'bold',
        );
      doc.font(font).fontSize(8);
    }
    const y = doc.y;
    let x = left;
    wrapped.forEach((cell, i) => {
      doc.text(cell, x, y + 2, { width: COLUMNS[i].width - 4, align: COLUMNS[i].align ?? 'left' });
      x += COLUMNS[i].width;
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + width, y + height)
      .lineWidth(0.5)
      .strokeColor('#cccccc')
      .stroke();
    doc.x = left;
    doc.y = y + height;
  };
  if (data.entries.length === 0) {
    doc.font('body').fontSize(10).text('No completions recorded in this cycle.', left, doc.y, { width });
  } else {
    row(
      COLUMNS.map((c) => c.title),
      'bold',
    );
    for (const entry of data.entries)
      row(
        COLUMNS.map((c) => c.cell(entry)),
        'body',
      );
  }

  heading('CEU totals (continuing education)');
  const totals: [string, string][] = [
    ['Earned automatically', ceu.earnedAutomatic],
    ['Earned by petition', ceu.earnedByPetition],
    ['Earned', ceu.earned],
    ['Pending petitions', ceu.pending],
    ['Required', ceu.required],
    ['Remaining', ceu.remaining],
  ];
  for (const [label, value] of totals) {
    const y = doc.y;
    doc.font('body').fontSize(10).text(label, left, y, { width: 150 });
    doc.text(value, left + 150, y, { width: 40, align: 'right' });
  }
  if (ceu.pending !== '0.0') {
    doc
      .font('body')
      .fontSize(9)
      .fillColor(GREY)
      .text(`Pending petitions count for nothing until staff approve them.`, left, doc.y + 2, { width })
      .fillColor('black');
  }

  heading(`Compliance on ${data.asOf}`);
  const lines: [string, string][] = [
    ['Certification status', words(compliance.status)],
    ['Requirements', compliance.acceptable ? 'Met' : 'Not met'],
    [
      'Total CEUs',
      `Continuing education ${compliance.continuingEducation.earned} of ${compliance.continuingEducation.required}` +
        ` + CPR/AED ${compliance.cprAed.earned} of ${compliance.cprAed.required}` +
        ` = ${compliance.totalEarned} of ${compliance.totalRequired} CEUs`,
    ],
    [
      'CPR/AED',
      `${words(compliance.cprAed.status)}: ${compliance.cprAed.earned} of ${compliance.cprAed.required} CEU. ${compliance.cprAed.reason}`,
    ],
  ];
  if (compliance.cprAed.advisories.length) {
    lines.push(['Advisories', compliance.cprAed.advisories.map(words).join('; ')]);
  }
  if (compliance.nextDeadline) {
    lines.push(['Next deadline', `${compliance.nextDeadline.date} (${words(compliance.nextDeadline.kind)})`]);
  }
  for (const [label, value] of lines) {
    if (doc.y + 30 > bottom()) doc.addPage();
    const y = doc.y;
    doc.font('bold').fontSize(10).text(label, left, y, { width: 130 });
    doc.font('body');
    doc.text(fit(value, width - 135), left + 135, y, { width: width - 135 });
    doc.moveDown(0.2);
  }
  if (compliance.blockers.length) {
    doc.moveDown(0.3);
    doc.font('bold').fontSize(10).text('Still missing', left, doc.y, { width });
    for (const blocker of compliance.blockers) {
      if (doc.y + 30 > bottom()) doc.addPage();
      doc
        .font('body')
        .fontSize(10)
        .text(fit(`• ${blocker.code}: ${blocker.message}`, width - 10), left + 10, doc.y, { width: width - 10 });
    }
  }

  // Footers last, once the page count is known; the bottom margin is lifted so that writing in it
  // does not open a new page.
  const pages = doc.bufferedPageRange();
  for (let i = pages.start; i < pages.start + pages.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - FOOTER_SPACE + 12;
    // One fact a line, so that no address is broken across lines.
    const footer = [
      `Issued ${options.issuedAt.toISOString()} by ${options.publicUrl}.`,
      `Signed copy (Open Badges 3.0 verifiable credential): ${options.publicUrl}${options.credentialPath}`,
      `Check it with the keys at ${options.publicUrl}/.well-known/jwks.json`,
    ].join('\n');
    doc.font('body').fontSize(7).fillColor(GREY);
    doc
      .text(fit(footer, width - 60), left, y, { width: width - 60 })
      .text(`Page ${i - pages.start + 1} of ${pages.count}`, left + width - 55, y, { width: 55, align: 'right' })
      .fillColor('black');
  }
  doc.end();
  return done;
}
