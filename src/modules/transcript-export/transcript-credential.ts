import { createPublicKey, KeyObject, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, JWK, SignJWT } from 'jose';
import { holderName, TranscriptData } from './transcript-document';

/** Where a credential key is published, one JWK per URL; the header's `kid` names it. */
export const CREDENTIAL_KEY_PATH = '/credentials/keys';
/** The set of every credential key in force or still trusted for earlier credentials. */
export const JWKS_PATH = '/.well-known/jwks.json';

const OB3_CONTEXT = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
];

export interface PublishedKey extends JWK {
  kid: string;
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  alg: 'EdDSA';
  use: 'sig';
}

interface KeyFacts {
  x: string;
  thumbprint: string;
}

async function facts(key: KeyObject): Promise<KeyFacts> {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  return { x, thumbprint: await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }) };
}

/**
 * Issues transcripts as Open Badges 3.0 credentials (W3C Verifiable Credentials Data Model 2.0)
 * secured as a JWT signed with Ed25519 (EdDSA): the payload is the credential itself with the
 * registered claims `iss`, `sub`, `jti` and `nbf` mirroring its issuer, subject, id and validFrom.
 * Anyone verifies one with the keys published at /.well-known/jwks.json.
 */
export class TranscriptCredentialIssuer {
  private base: string | null = null;

  private constructor(
    private readonly signingKey: KeyObject,
    private readonly keys: KeyFacts[],
  ) {}

  /** The signing key first, then earlier keys still published for credentials they signed. */
  static async create(options: {
    signingKey: KeyObject;
    previousKeys: KeyObject[];
  }): Promise<TranscriptCredentialIssuer> {
    const keys = await Promise.all([options.signingKey, ...options.previousKeys].map(facts));
    const unique = keys.filter((key, i) => keys.findIndex((k) => k.thumbprint === key.thumbprint) === i);
    return new TranscriptCredentialIssuer(options.signingKey, unique);
  }

  /** Sets the public address the issuer and its keys are named by (once the server's port is known). */
  publishAt(publicUrl: string): void {
    this.base = publicUrl.replace(/\/+$/, '');
  }

  /** The issuer's ID: the API's public address. */
  get publicUrl(): string {
    if (this.base === null) throw new Error('The credential issuer has no public address yet.');
    return this.base;
  }

  /**
   * The published keys. A key's ID is its own address (Open Badges 3.0: a `kid` dereferences to
   * the JWK), ending in its RFC 7638 thumbprint, so it changes whenever the key does.
   */
  get published(): PublishedKey[] {
    return this.keys.map(({ x, thumbprint }) => ({
      kty: 'OKP',
      crv: 'Ed25519',
      x,
      kid: `${this.publicUrl}${CREDENTIAL_KEY_PATH}/${thumbprint}`,
      alg: 'EdDSA',
      use: 'sig',
    }));
  }

  /** The JSON Web Key Set to publish. */
  jwks(): { keys: PublishedKey[] } {
    return { keys: this.published };
  }

  /** The credential of a transcript, as the unsigned payload (exported for tests and docs). */
  credential(data: TranscriptData, issuedAt: Date, id = `urn:uuid:${randomUUID()}`): Record<string, unknown> {
    const base = this.publicUrl;
    const { certification, cycle, compliance, ceu } = data;
    const achievementId = `${base}/achievements/${encodeURIComponent(certification.programCode)}-recertification-cycle`;
    const resultId = (name: string) => `${achievementId}#${name}`;
    const validFrom = issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      '@context': OB3_CONTEXT,
      id,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: `Continuing education transcript of ${certification.programCode} certification ${certification.number}`,
      description: `The ${certification.programCode} recertification cycle ${cycle.startsOn} to ${cycle.expiresOn} as recorded on ${data.asOf}.`,
      issuer: { id: base, type: ['Profile'], name: 'ceu-ledger continuing education registry', url: base },
      validFrom,
      credentialSubject: {
        id: `${base}/certifications/${certification.id}`,
        type: ['AchievementSubject'],
        identifier: [
          {
            type: 'IdentityObject',
            identityType: 'name',
            hashed: false,
            identityHash: holderName(data),
          },
          {
            type: 'IdentityObject',
            identityType: 'identifier',
            hashed: false,
            identityHash: certification.number,
          },
        ],
        achievement: {
          id: achievementId,
          type: ['Achievement'],
          achievementType: 'Certification',
          name: `${certification.programCode} recertification: continuing education`,
          description: 'Continuing education credited toward one two-year recertification cycle.',
          criteria: {
            narrative:
              'Each two-year cycle requires 2.0 CEUs: 1.9 CEUs of continuing education, from approved providers or accepted by petition, and 0.1 CEU for a current CPR/AED credential with a hands-on skills assessment.',
          },
          resultDescription: [
            {
              id: resultId('continuing-education'),
              type: ['ResultDescription'],
              name: `Continuing education CEUs (required ${ceu.required})`,
              resultType: 'RawScore',
            },
            {
              id: resultId('cpr-aed'),
              type: ['ResultDescription'],
              name: `CPR/AED CEU (required ${compliance.cprAed.required})`,
              resultType: 'RawScore',
            },
            {
              id: resultId('requirements'),
              type: ['ResultDescription'],
              name: 'Recertification requirements on the date of the transcript',
              resultType: 'Status',
            },
          ],
        },
        creditsEarned: Number(compliance.totalEarned),
        activityStartDate: `${cycle.startsOn}T00:00:00Z`,
        activityEndDate: `${data.asOf}T00:00:00Z`,
        term: `${cycle.startsOn} to ${cycle.expiresOn}`,
        result: [
          { type: ['Result'], resultDescription: resultId('continuing-education'), value: ceu.earned },
          { type: ['Result'], resultDescription: resultId('cpr-aed'), value: compliance.cprAed.earned },
          {
            type: ['Result'],
            resultDescription: resultId('requirements'),
            status: compliance.acceptable ? 'Completed' : 'InProgress',
            value: compliance.acceptable
              ? 'Requirements met'
              : `Not yet met: ${compliance.blockers.map((b) => b.code).join(', ')}`,
          },
        ],
      },
      evidence: data.entries.map((entry) => ({
        id: `${base}/completions/${entry.completion.id}`,
        type: ['Evidence'],
        name: entry.completion.title,
        description: `Completed ${entry.completion.completedOn} with ${entry.completion.providerName}; ${entry.completion.ceuValue} CEU, credit path ${entry.completion.creditPath}; ${entry.standing}, ${entry.countedCeu} CEU counted.`,
        genre: 'Continuing education course',
      })),
    };
  }

  /** Signs a transcript's credential: a compact JWS whose payload is the credential. */
  async issue(data: TranscriptData, issuedAt: Date): Promise<{ jwt: string; id: string }> {
    const credential = this.credential(data, issuedAt);
    const subject = (credential.credentialSubject as { id: string }).id;
    const id = credential.id as string;
    const jwt = await new SignJWT(credential)
      .setProtectedHeader({ alg: 'EdDSA', kid: this.published[0].kid, typ: 'JWT' })
      .setIssuer(this.publicUrl)
      .setSubject(subject)
      .setJti(id)
      .setNotBefore(Math.floor(issuedAt.getTime() / 1000))
      .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
      .sign(this.signingKey);
    return { jwt, id };
  }
}
