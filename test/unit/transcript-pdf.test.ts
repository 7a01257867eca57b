import { TranscriptData, TranscriptEntryData } from '../../src/modules/transcript-export/transcript-document';
import { wrapLines } from '../../src/modules/transcript-export/line-wrap';
import { renderTranscriptPdf } from '../../src/modules/transcript-export/transcript-pdf';
import { pdfText } from '../support/pdf';

const entry = (i: number, title: string): TranscriptEntryData => ({
  standing: 'COUNTED',
  countedCeu: '0.1',
  completion: {
    id: `cmp_${i}`,
    title,
    providerName: 'Apex Fitness Education',
    completedOn: '2025-01-01',
    contactHours: '1',
    ceuValue: '0.1',
    creditPath: 'AUTOMATIC',
    source: 'PROVIDER_REPORT',
    petition: null,
  },
});

function transcript(firstName: string, entries: TranscriptEntryData[]): TranscriptData {
  return {
    asOf: '2026-06-15',
    certification: {
      id: 'crt_test',
      number: 'CPT-1',
      programCode: 'CPT',
      issuedOn: '2024-09-01',
      expiresOn: '2026-08-31',
      trainer: { id: 'trn_test', firstName, lastName: 'Test' },
    },
    cycle: { startsOn: '2024-09-01', expiresOn: '2026-08-31', courseworkDeadline: '2026-11-29' },
    entries,
    ceu: {
      earnedAutomatic: '1.9',
      earnedByPetition: '0.0',
      earned: '1.9',
      pending: '0.0',
      required: '1.9',
      remaining: '0.0',
    },
    compliance: {
      status: 'ACTIVE',
      acceptable: true,
      totalEarned: '2.0',
      totalRequired: '2.0',
      continuingEducation: { earned: '1.9', required: '1.9' },
      cprAed: { status: 'VALID', counts: true, earned: '0.1', required: '0.1', reason: 'Valid.', advisories: [] },
      blockers: [],
      nextDeadline: null,
    },
  };
}

const options = {
  issuedAt: new Date('2026-06-15T12:00:00Z'),
  publicUrl: 'https://ceu.example.org',
  credentialPath: '/t',
};

describe('transcript PDF renderer', () => {
  it('prints what the font has and survives what it lacks (CJK, emoji, bidirectional controls)', async () => {
    const pdf = await renderTranscriptPdf(
      transcript('Ольга 王小明 😀 \u202Eevil', [entry(1, 'Ελληνικά — Кириллица')]),
      options,
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await pdfText(pdf);
    expect(text).toContain('Ольга');
    expect(text).toContain('Ελληνικά — Кириллица');
  });

  it('wraps a 200-character title inside its column and breaks 200 entries over numbered pages', async () => {
    const long = `${'Periodisation '.repeat(14)}end`.slice(0, 200);
    const entries = Array.from({ length: 200 }, (_, i) => entry(i, i === 0 ? long : `Course ${i}`));
    const { text, pages } = await pdfText(await renderTranscriptPdf(transcript('Ana', entries), options));
    expect(text.replace(/\s+/g, ' ')).toContain(long.replace(/\s+/g, ' ').trim());
    expect(pages.length).toBeGreaterThan(4);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
    expect(text.match(/^2025-01-01 /gm)).toHaveLength(200);
  });

  it('an empty cycle says so', async () => {
    const { text } = await pdfText(await renderTranscriptPdf(transcript('Ana', []), options));
    expect(text).toContain('No completions recorded in this cycle.');
  });

  it('R6, R9: a pending petition’s row shows the CEUs it asks for as pending, not 0.0', async () => {
    const pending: TranscriptEntryData = {
      standing: 'PETITION_PENDING',
      countedCeu: '0.0',
      completion: {
        ...entry(2, 'Kettlebell Sport Camp').completion,
        providerName: 'Nordic Lifting Club',
        ceuValue: '0.0',
        creditPath: 'PETITION_REQUIRED',
        source: 'PETITION',
        petition: { status: 'PENDING', requestedCeu: '1.2' },
      },
    };
    const data = transcript('Sofia', [pending]);
    data.ceu.pending = '1.2';
    const { text } = await pdfText(await renderTranscriptPdf(data, options));
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Kettlebell Sport Camp Nordic Lifting Club Petition Petition pending 1.2 1.2 pending');
    expect(flat).not.toMatch(/Petition pending 0\.0/);
    expect(flat).toContain('Pending petitions 1.2');
  });

  it('R1: the totals say how CPR/AED makes up the total', async () => {
    const { text } = await pdfText(await renderTranscriptPdf(transcript('Ana', [entry(1, 'Course 1')]), options));
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Total CEUs Continuing education 1.9 of 1.9 + CPR/AED 0.1 of 0.1 = 2.0 of 2.0 CEUs',
    );
  });

  it('breaks long web addresses only after a slash or before a dot, hyphen or query character', async () => {
    const url =
      'https://learning.strength-academy.example/courses/2026/periodisation-for-masters-athletes?session=replay';
    const site = 'https://www.european-strength-forum.example.org/';
    const long = {
      ...entry(1, `Recorded webinar ${url}`),
      completion: { ...entry(1, '').completion, title: `Recorded webinar ${url}`, providerName: site },
    };
    const { text } = await pdfText(
      await renderTranscriptPdf(transcript('Ana', [long]), {
        ...options,
        publicUrl: 'https://ceu-ledger.certification-body.example.org',
      }),
    );
    const lines = text.split('\n').map((l) => l.trim());
    for (const address of [url, site]) {
      // The address's lines, one after another, spell it exactly.
      const first = lines.findIndex((l) => l.endsWith('https://') || l.includes(address.slice(0, 20)));
      expect(first).toBeGreaterThanOrEqual(0);
      let joined = lines[first].slice(lines[first].indexOf('https://'));
      let i = first;
      while (joined.length < address.length) joined += lines[++i];
      expect(joined).toBe(address);
      // Every break is after a slash, or before a dot, hyphen or query character: never inside a word.
      for (let j = first; j < i; j++) {
        expect(`${lines[j].slice(-1)}|${lines[j + 1][0]}`).toMatch(/^\/\|.|.\|[.?#&=_~-]$/);
      }
    }
    // Each address of the footer stays on one line.
    for (const address of [
      'https://ceu-ledger.certification-body.example.org/t',
      'https://ceu-ledger.certification-body.example.org/.well-known/jwks.json',
    ]) {
      expect(lines.some((l) => l.endsWith(address))).toBe(true);
    }
  });
});

describe('wrapLines (one character, one unit wide)', () => {
  const measure = (s: string) => Array.from(s).length;
  it.each([
    [
      'words fill a line and break at spaces',
      'Kettlebell sport camp for coaches',
      12,
      ['Kettlebell', 'sport camp', 'for coaches'],
    ],
    ['a hyphenated word too long breaks after a hyphen', 'Pre-and-post-natal', 9, ['Pre-and-', 'post-', 'natal']],
    [
      'an address breaks after a slash',
      'https://example.org/courses/2026',
      20,
      ['https://example.org/', 'courses/2026'],
    ],
    [
      'an address breaks before a dot or a hyphen, never after',
      'www.strength-academy.example',
      13,
      ['www.strength', '-academy', '.example'],
    ],
    [
      'a piece with no break point is cut only where it must be',
      'https://abcdefghijklmnop.org',
      10,
      ['https://', 'abcdefghij', 'klmnop.org'],
    ],
    ['line breaks in the text are kept', 'one\ntwo', 20, ['one', 'two']],
  ])('%s', (_name, text, width, lines) => {
    expect(wrapLines(text, width, measure)).toEqual(lines);
  });
});
