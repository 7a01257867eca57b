import { TranscriptData, TranscriptEntryData } from '../../src/modules/transcript-export/transcript-document';
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
});
