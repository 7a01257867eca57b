import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  importJWK,
  JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import { DEVELOPMENT_CREDENTIAL_KEY } from '../../src/config';
import { approvedProvider, createCourse, createTrainer, TrainerFixture } from '../support/fixtures';
import { As, data, startTestApp, TestApp } from '../support/harness';
import { pdfText, PdfText } from '../support/pdf';
import { decidePetition, onDay, petitionForEvent, selfReported } from '../support/ledger-fixtures';
import { recordedCard } from '../support/recertification-fixtures';
import { craftToken } from '../support/tokens';

const TODAY = '2026-06-15';

/** What the API itself answers for the transcript, to compare the exports with. */
const TRANSCRIPT = `query($id: ID!, $asOf: Date) {
  transcript(certificationId: $id, asOf: $asOf) {
    asOf
    entries { standing countedCeu completion { id title providerName completedOn ceuValue creditPath petition { requestedCeu } } }
    ceu { earnedAutomatic earnedByPetition earned pending required remaining }
    compliance {
      acceptable totalEarned totalRequired blockers { code message } cprAed { status earned required }
      continuingEducation { earned required }
    }
  }
}`;

interface TranscriptAnswer {
  asOf: string;
  entries: {
    standing: string;
    countedCeu: string;
    completion: {
      id: string;
      title: string;
      providerName: string;
      completedOn: string;
      ceuValue: string;
      creditPath: string;
      petition: { requestedCeu: string } | null;
    };
  }[];
  ceu: Record<string, string>;
  compliance: {
    acceptable: boolean;
    totalEarned: string;
    totalRequired: string;
    blockers: { code: string; message: string }[];
    cprAed: { status: string; earned: string; required: string };
    continuingEducation: { earned: string; required: string };
  };
}

describe('transcript exports: PDF and a signed Open Badges 3.0 credential', () => {
  let t: TestApp;
  let maria: TrainerFixture;
  let other: TrainerFixture;
  let busy: TrainerFixture;
  let providerId: string;
  let answer: TranscriptAnswer;

  const self = (trainer: TrainerFixture): As => ({ trainer: trainer.trainerId });
  const download = async (path: string, as: As, headers: Record<string, string> = {}) => {
    const authorization = await t.credentials(as);
    return t.http(path, { headers: { ...(authorization ? { authorization } : {}), ...headers } });
  };
  const pdfOf = (trainer: TrainerFixture, query = '') => `/transcripts/${trainer.certificationId}.pdf${query}`;
  const jwtOf = (trainer: TrainerFixture, query = '') => `/transcripts/${trainer.certificationId}.jwt${query}`;

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    providerId = await onDay(t, '2024-01-02', () => approvedProvider(t, 'Apex Fitness Education'));
    const strength = await onDay(t, '2025-01-02', () =>
      createCourse(t, providerId, { title: 'Strength Programming for Older Adults', ceuValue: '1.0' }),
    );
    const mobility = await onDay(t, '2025-01-02', () =>
      createCourse(t, providerId, { title: 'Mobility & Corrective Exercise', ceuValue: '0.5' }),
    );
    // A name outside PDF's built-in Latin-1 fonts, to prove the embedded font prints it.
    maria = await createTrainer(t, {
      firstName: 'Łucja',
      lastName: 'Wójcik-Ольга',
      cycleStartsOn: '2024-09-01',
      expiresOn: '2026-08-31',
    });
    other = await createTrainer(t, { cycleStartsOn: '2024-09-01', expiresOn: '2026-08-31' });
    await selfReported(t, maria, strength, '2025-03-01');
    await selfReported(t, maria, mobility, '2025-05-10');
    const approved = await petitionForEvent(t, maria, {
      title: 'Kettlebell Foundations Workshop',
      providerName: 'Iron Guild',
      completedOn: '2025-09-20',
      contactHours: '3',
    });
    data(await decidePetition(t, { petitionId: approved.id, decision: 'APPROVE' }));
    await petitionForEvent(t, maria, {
      title: 'Sports Nutrition Seminar',
      providerName: 'Nutrition Collective',
      completedOn: '2026-02-14',
      contactHours: '2',
    });
    await recordedCard(t, maria, { issuedOn: '2025-09-01', expiresOn: '2028-09-01' });
    answer = data(
      await t.gql<{ transcript: TranscriptAnswer }>(TRANSCRIPT, { id: maria.certificationId }, self(maria)),
    ).transcript;

    // Enough entries for several pages.
    busy = await createTrainer(t, { cycleStartsOn: '2024-09-01', expiresOn: '2026-08-31' });
    for (let i = 0; i < 45; i++) {
      const day = new Date(Date.UTC(2025, 0, 10) + i * 9 * 86_400_000).toISOString().slice(0, 10);
      await selfReported(t, busy, i % 2 ? strength : mobility, day);
    }
  });
  afterAll(() => t.close());

  it('the fixture transcript has every kind of entry the export must show', () => {
    expect(answer.entries.map((e) => [e.completion.title, e.completion.creditPath, e.standing])).toEqual([
      ['Strength Programming for Older Adults', 'AUTOMATIC', 'COUNTED'],
      ['Mobility & Corrective Exercise', 'AUTOMATIC', 'COUNTED'],
      ['Kettlebell Foundations Workshop', 'PETITION_REQUIRED', 'COUNTED'],
      ['Sports Nutrition Seminar', 'PETITION_REQUIRED', 'PETITION_PENDING'],
    ]);
    expect(answer.compliance.acceptable).toBe(false);
    expect(answer.compliance.blockers.map((b) => b.code)).toEqual(['CE_SHORT']);
  });

  describe('PDF', () => {
    let res: Response;
    let pdf: PdfText;
    let bytes: ArrayBuffer;

    beforeAll(async () => {
      res = await download(pdfOf(maria), self(maria));
      bytes = await res.arrayBuffer();
      pdf = await pdfText(bytes);
    });

    it('downloads as an attachment named after the certification and the day', () => {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="transcript-${maria.number}-${TODAY}.pdf"`,
      );
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number(res.headers.get('x-statement-count'))).toBeGreaterThan(0);
      expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('names the trainer (as written, in any script), the certification, the cycle and the dates', () => {
      for (const line of [
        'Continuing Education Transcript',
        'Trainer Łucja Wójcik-Ольга',
        `Certification ${maria.number} (CPT)`,
        'Issued / expires 2024-09-01 / 2026-08-31',
        'Cycle 2024-09-01 to 2026-08-31; completions count until 2026-11-29',
        `Transcript as of ${TODAY}`,
        `Date of issue ${TODAY}`,
      ]) {
        expect(pdf.text).toContain(line);
      }
    });

    it('lists every entry of the transcript with its date, provider, credit path, standing and CEUs', () => {
      // Cells are read in order, a wrapped cell's lines one after the other.
      const flat = pdf.text.replace(/\s+/g, ' ');
      const words = { AUTOMATIC: 'Approved provider', PETITION_REQUIRED: 'Petition' } as Record<string, string>;
      const standing = { COUNTED: 'Counted', PETITION_PENDING: 'Petition pending' } as Record<string, string>;
      for (const { completion: c, standing: s, countedCeu } of answer.entries) {
        // A pending petition's row shows the CEUs it asks for, as pending, not the 0.0 it counts.
        const ceus =
          s === 'PETITION_PENDING'
            ? `${c.petition!.requestedCeu} ${c.petition!.requestedCeu} pending`
            : `${c.ceuValue} ${countedCeu}`;
        expect(flat).toContain(
          `${c.completedOn} ${c.title} ${c.providerName} ${words[c.creditPath]} ${standing[s]} ${ceus}`,
        );
      }
    });

    it('R6, R9: the pending petition shows as pending in its row, beside the pending total', () => {
      const flat = pdf.text.replace(/\s+/g, ' ');
      expect(answer.ceu.pending).toBe('0.2');
      expect(flat).toContain('Sports Nutrition Seminar Nutrition Collective Petition Petition pending 0.2 0.2 pending');
      expect(flat).toContain('Pending petitions 0.2 Required');
      expect(flat).toContain('Pending petitions count for nothing until staff approve them.');
    });

    it('shows the same totals and compliance as the API', () => {
      const { ceu, compliance } = answer;
      expect(pdf.text).toContain(`Earned automatically ${ceu.earnedAutomatic}`);
      expect(pdf.text).toContain(`Earned by petition ${ceu.earnedByPetition}`);
      expect(pdf.text).toContain(`Pending petitions ${ceu.pending}`);
      expect(pdf.text).toContain(`Required ${ceu.required}`);
      expect(pdf.text).toContain(`Remaining ${ceu.remaining}`);
      expect(pdf.text).toContain(`Compliance on ${TODAY}`);
      expect(pdf.text).toContain('Requirements Not met');
      const { continuingEducation: ce, cprAed } = compliance;
      expect(pdf.text.replace(/\s+/g, ' ')).toContain(
        `Total CEUs Continuing education ${ce.earned} of ${ce.required} + CPR/AED ${cprAed.earned} of ${cprAed.required} = ${compliance.totalEarned} of ${compliance.totalRequired} CEUs`,
      );
      expect(pdf.text.replace(/\s+/g, ' ')).toContain(
        'Total CEUs Continuing education 1.8 of 1.9 + CPR/AED 0.1 of 0.1 = 1.9 of 2.0 CEUs',
      );
      expect(pdf.text).toContain(`CPR/AED Valid: ${compliance.cprAed.earned} of 0.1 CEU.`);
      expect(pdf.text).toContain(`• CE_SHORT: ${compliance.blockers[0].message}`);
    });

    it('carries its metadata and tells where the signed copy and the keys are', () => {
      expect(pdf.info.Title).toBe(`Continuing education transcript: Łucja Wójcik-Ольга, ${maria.number}`);
      expect(pdf.text).toContain('Page 1 of 1');
      const flat = pdf.text.replace(/\s+/g, ' ');
      expect(flat).toContain(`/transcripts/${maria.certificationId}.jwt`);
      expect(flat).toContain('/.well-known/jwks.json');
    });

    it('a long transcript runs over pages, each with the column titles and a page number', async () => {
      const bytes = await (await download(pdfOf(busy), self(busy))).arrayBuffer();
      // KEEP_PDF=/tmp/transcript.pdf keeps the file to look at.
      if (process.env.KEEP_PDF) writeFileSync(process.env.KEEP_PDF, Buffer.from(bytes));
      const long = await pdfText(bytes);
      expect(long.pages.length).toBeGreaterThan(1);
      long.pages.forEach((page, i) => {
        if (/^\d{4}-\d{2}-\d{2} (Strength|Mobility)/m.test(page)) {
          expect(page).toMatch(/Completed Course Provider Credit path Standing CEU Counted/);
        }
        expect(page).toContain(`Page ${i + 1} of ${long.pages.length}`);
      });
      expect(long.pages.filter((page) => page.includes('Completed Course Provider')).length).toBeGreaterThan(1);
      expect(long.text.match(/^\d{4}-\d{2}-\d{2} (Strength|Mobility)/gm)).toHaveLength(45);
    });

    it('asOf reads the transcript of an earlier day', async () => {
      const early = await pdfText(await (await download(pdfOf(maria, '?asOf=2025-04-01'), self(maria))).arrayBuffer());
      const flat = early.text.replace(/\s+/g, ' ');
      expect(flat).toContain('Transcript as of 2025-04-01');
      expect(flat).toContain('2025-03-01 Strength Programming for Older Adults');
      expect(flat).not.toContain('Mobility & Corrective Exercise');
    });

    it('staff download any transcript', async () => {
      const res = await download(pdfOf(maria), 'staff');
      expect(res.status).toBe(200);
      expect((await pdfText(await res.arrayBuffer())).text).toContain('Łucja Wójcik-Ольга');
    });
  });

  describe('who may download (the same as the transcript query)', () => {
    const cases: [string, number, string, () => Promise<Response>][] = [
      ['nobody (no token)', 401, 'UNAUTHENTICATED', () => download(pdfOf(maria), undefined)],
      ['a bad token', 401, 'UNAUTHENTICATED', () => t.http(jwtOf(maria), { headers: { authorization: 'Bearer x' } })],
      ['another trainer', 404, 'NOT_FOUND', () => download(pdfOf(maria), self(other))],
      ['another trainer, credential', 404, 'NOT_FOUND', () => download(jwtOf(maria), self(other))],
      ['a provider', 404, 'NOT_FOUND', () => download(pdfOf(maria), { provider: providerId })],
      ['an unknown certification', 404, 'NOT_FOUND', () => download('/transcripts/crt_zzzzzzzz.pdf', 'staff')],
      ['a malformed ID', 404, 'NOT_FOUND', () => download('/transcripts/%27%3B--.jwt', 'staff')],
      ['a bad asOf', 400, 'BAD_USER_INPUT', () => download(pdfOf(maria, '?asOf=2026-02-30'), self(maria))],
      [
        'two asOf',
        400,
        'BAD_USER_INPUT',
        () => download(jwtOf(maria, '?asOf=2026-01-01&asOf=2026-01-02'), self(maria)),
      ],
    ];
    it.each(cases)('%s → %i %s', async (_name, status, code, send) => {
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe(code);
      if (status === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer realm="ceu-ledger"');
    });

    it('a trainer token whose trainer does not exist is refused', async () => {
      const token = await craftToken({ role: 'TRAINER' }, { sub: 'trn_zzzzzzzz' });
      const res = await t.http(pdfOf(maria), { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
    });
  });

  describe('verifiable credential', () => {
    let res: Response;
    let jwt: string;
    let base: string;
    const jwks = () => createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));

    beforeAll(async () => {
      base = t.url.replace(/\/graphql$/, '');
      res = await download(jwtOf(maria), self(maria));
      jwt = await res.text();
    });

    it('downloads as a compact JWS', () => {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/jwt/);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="transcript-${maria.number}-${TODAY}.jwt"`,
      );
      expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    });

    it('verifies with the public keys at /.well-known/jwks.json (EdDSA, Ed25519)', async () => {
      const { payload, protectedHeader } = await jwtVerify(jwt, jwks(), {
        issuer: base,
        algorithms: ['EdDSA'],
        currentDate: new Date(`${TODAY}T12:00:01Z`),
      });
      expect(protectedHeader).toEqual({
        alg: 'EdDSA',
        typ: 'JWT',
        kid: expect.stringMatching(/\/credentials\/keys\/[\w-]{43}$/),
      });
      expect(payload.sub).toBe(`${payload.iss}/certifications/${maria.certificationId}`);
    });

    it('the key ID dereferences to the public JWK, and no private part is published', async () => {
      const { kid } = decodeProtectedHeader(jwt);
      const set = (await (await t.http('/.well-known/jwks.json')).json()) as { keys: Record<string, string>[] };
      const path = new URL(kid!).pathname;
      const one = await t.http(path);
      expect(one.status).toBe(200);
      expect(one.headers.get('content-type')).toMatch(/^application\/jwk\+json/);
      const key = (await one.json()) as Record<string, string>;
      expect(set.keys).toContainEqual(key);
      expect(key).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid, alg: 'EdDSA', use: 'sig' });
      for (const k of set.keys) expect(k).not.toHaveProperty('d');
      expect((await t.http('/credentials/keys/unknown')).status).toBe(404);
    });

    it('the JWKS is public and cacheable', async () => {
      const res = await t.http('/.well-known/jwks.json');
      expect(res.headers.get('content-type')).toMatch(/^application\/jwk-set\+json/);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    });

    it('is an Open Badges 3.0 credential whose JWT claims mirror it', async () => {
      const vc = decodeJwt(jwt) as Record<string, unknown> & {
        credentialSubject: Record<string, unknown> & { id: string; achievement: Record<string, unknown> };
        issuer: { id: string };
      };
      expect(vc['@context']).toEqual([
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ]);
      expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
      expect(vc.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(vc.jti).toBe(vc.id);
      expect(vc.iss).toBe(vc.issuer.id);
      expect(vc.sub).toBe(vc.credentialSubject.id);
      expect(vc.validFrom).toBe(`${TODAY}T12:00:00Z`);
      expect(vc.nbf).toBe(Date.parse(`${TODAY}T12:00:00Z`) / 1000);
      expect(vc.credentialSubject.type).toEqual(['AchievementSubject']);
      expect(vc.credentialSubject.identifier).toEqual([
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Łucja Wójcik-Ольга' },
        { type: 'IdentityObject', identityType: 'identifier', hashed: false, identityHash: maria.number },
      ]);
      expect(vc.credentialSubject.achievement).toMatchObject({
        type: ['Achievement'],
        criteria: { narrative: expect.any(String) },
      });
      expect(vc.credentialSubject.creditsEarned).toBe(Number(answer.compliance.totalEarned));
      expect(vc.credentialSubject.term).toBe('2024-09-01 to 2026-08-31');
      const results = vc.credentialSubject.result as { value?: string; status?: string }[];
      expect(results.map((r) => r.value)).toEqual([
        answer.ceu.earned,
        answer.compliance.cprAed.earned,
        'Not yet met: CE_SHORT',
      ]);
      expect(results[2].status).toBe('InProgress');
      const evidence = vc.evidence as { id: string; name: string; description: string }[];
      expect(evidence.map((e) => e.name)).toEqual(answer.entries.map((e) => e.completion.title));
      answer.entries.forEach((entry, i) => {
        expect(evidence[i].description).toContain(`credit path ${entry.completion.creditPath}`);
        expect(evidence[i].description).toContain(`${entry.standing}, ${entry.countedCeu} CEU counted`);
      });
    });

    it('each download is a new credential with its own ID', async () => {
      const again = await (await download(jwtOf(maria), self(maria))).text();
      expect(decodeJwt(again).jti).not.toBe(decodeJwt(jwt).jti);
    });

    describe('tampering is detected', () => {
      const [header, payload, signature] = [0, 1, 2].map((i) => () => jwt.split('.')[i]);
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const refused = (token: string) =>
        jwtVerify(token, jwks(), { algorithms: ['EdDSA'], currentDate: new Date(`${TODAY}T12:00:01Z`) });

      it('a changed claim (more CEUs) fails the signature', async () => {
        const claims = decodeJwt(jwt) as { credentialSubject: { creditsEarned: number } };
        claims.credentialSubject.creditsEarned = 2.0;
        await expect(refused(`${header()}.${encode(claims)}.${signature()}`)).rejects.toBeInstanceOf(
          joseErrors.JWSSignatureVerificationFailed,
        );
      });

      it('a changed name fails the signature', async () => {
        const text = Buffer.from(payload(), 'base64url').toString().replace('Łucja', 'Lucia');
        await expect(
          refused(`${header()}.${Buffer.from(text).toString('base64url')}.${signature()}`),
        ).rejects.toBeInstanceOf(joseErrors.JWSSignatureVerificationFailed);
      });

      it('a flipped signature byte fails', async () => {
        const bytes = Buffer.from(signature(), 'base64url');
        bytes[10] ^= 0x01;
        await expect(refused(`${header()}.${payload()}.${bytes.toString('base64url')}`)).rejects.toBeInstanceOf(
          joseErrors.JWSSignatureVerificationFailed,
        );
      });

      it('a credential re-signed with another key under the same key ID fails', async () => {
        const { privateKey } = generateKeyPairSync('ed25519');
        const forged = await new SignJWT(decodeJwt(jwt))
          .setProtectedHeader(decodeProtectedHeader(jwt) as { alg: string })
          .sign(privateKey);
        await expect(refused(forged)).rejects.toBeInstanceOf(joseErrors.JWSSignatureVerificationFailed);
      });

      it('an unsigned copy (alg "none") is refused', async () => {
        const none = `${encode({ alg: 'none', typ: 'JWT' })}.${payload()}.`;
        await expect(refused(none)).rejects.toThrow();
      });
    });
  });

  describe('downloads share the caller’s rate limit with /graphql', () => {
    it('the request over the budget is 429 RATE_LIMITED with Retry-After', async () => {
      const limited = await startTestApp({ today: TODAY, env: { RATE_LIMIT_PER_MINUTE: '3' } });
      try {
        const trainer = await createTrainer(limited, { cycleStartsOn: '2024-09-01', expiresOn: '2026-08-31' });
        const authorization = (await limited.credentials({ trainer: trainer.trainerId }))!;
        const send = (path: string) => limited.http(path, { headers: { authorization } });
        const graphql = () =>
          limited.http('/graphql', {
            method: 'POST',
            headers: { authorization, 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ viewer { role } }' }),
          });
        const statuses = [
          (await graphql()).status,
          (await send(`/transcripts/${trainer.certificationId}.pdf`)).status,
          (await send(`/transcripts/${trainer.certificationId}.jwt`)).status,
        ];
        const over = await send(`/transcripts/${trainer.certificationId}.pdf`);
        expect(statuses).toEqual([200, 200, 200]);
        expect(over.status).toBe(429);
        expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
        const body = (await over.json()) as { errors: { extensions: { code: string } }[] };
        expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
      } finally {
        await limited.close();
      }
    });
  });

  describe('signing keys from the configuration', () => {
    it('a configured key signs, and a previous key stays published so its credentials still verify', async () => {
      const { privateKey } = generateKeyPairSync('ed25519');
      const developmentPublic = createPublicKey(DEVELOPMENT_CREDENTIAL_KEY).export({ format: 'jwk' }) as JWK;
      const rotated = await startTestApp({
        today: TODAY,
        env: {
          CREDENTIAL_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          CREDENTIAL_PREVIOUS_KEYS: JSON.stringify([developmentPublic]),
          PUBLIC_URL: 'https://ceu.example.org/',
        },
      });
      try {
        const set = (await (await rotated.http('/.well-known/jwks.json')).json()) as {
          keys: { kid: string; x: string }[];
        };
        expect(set.keys).toHaveLength(2);
        expect(set.keys.every((k) => k.kid.startsWith('https://ceu.example.org/credentials/keys/'))).toBe(true);
        const fresh = await createTrainer(rotated, { cycleStartsOn: '2024-09-01', expiresOn: '2026-08-31' });
        const authorization = (await rotated.credentials({ trainer: fresh.trainerId }))!;
        const jwt = await (
          await rotated.http(`/transcripts/${fresh.certificationId}.jwt`, { headers: { authorization } })
        ).text();
        const claims = decodeJwt(jwt);
        expect(claims.iss).toBe('https://ceu.example.org');
        expect(decodeProtectedHeader(jwt).kid).toBe(set.keys[0].kid);
        // The credential verifies with the new key and not with the development key.
        const current = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: set.keys[0].x }, 'EdDSA');
        const previous = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: set.keys[1].x }, 'EdDSA');
        await expect(jwtVerify(jwt, current, { currentDate: new Date(`${TODAY}T12:00:01Z`) })).resolves.toBeDefined();
        await expect(jwtVerify(jwt, previous, { currentDate: new Date(`${TODAY}T12:00:01Z`) })).rejects.toBeInstanceOf(
          joseErrors.JWSSignatureVerificationFailed,
        );
        expect(set.keys[1].x).toBe(developmentPublic.x);
      } finally {
        await rotated.close();
      }
    });
  });
});
