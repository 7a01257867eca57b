import { fromGlobalId } from '../../src/common/ids';
import { Trainer } from '../../src/modules/trainer/trainer.entity';
import { createTrainer, snapshot, TrainerFixture } from '../support/fixtures';
import { As, data, startTestApp, TestApp } from '../support/harness';
import { UserErrorOut } from '../support/ledger-fixtures';

const TODAY = '2026-06-15';

const ISSUE = `mutation($input: IssueCertificationInput!) { issueCertification(input: $input) {
  certification { id programCode number issuedOn cycleStartsOn expiresOn status trainer { id firstName lastName email } }
  userErrors { code field message } } }`;

const UPDATE = `mutation($input: UpdateTrainerInput!) { updateTrainer(input: $input) {
  trainer { id firstName lastName email } userErrors { code field message } } }`;

const TRAINERS = `query($filter: TrainerFilter, $first: Int, $after: String) {
  trainers(filter: $filter, first: $first, after: $after) {
    totalCount nodes { id firstName lastName email certifications { number } } } }`;

const CERTIFICATIONS = `query($filter: CertificationFilter, $first: Int, $after: String, $last: Int, $before: String) {
  certifications(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id number expiresOn status(on: "${TODAY}") trainer { id lastName } } } } }`;

interface CertificationOut {
  id: string;
  programCode: string;
  number: string;
  issuedOn: string;
  cycleStartsOn: string;
  expiresOn: string;
  status: string;
  trainer: { id: string; firstName: string; lastName: string; email: string };
}
interface IssueOut {
  issueCertification: { certification: CertificationOut | null; userErrors: UserErrorOut[] };
}
interface UpdateOut {
  updateTrainer: {
    trainer: { id: string; firstName: string; lastName: string; email: string } | null;
    userErrors: UserErrorOut[];
  };
}

let sequence = 0;
const uniqueEmail = () => `new.trainer${++sequence}@example.test`;

describe('issuing certifications, changing trainers, finding people', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
  });
  afterAll(() => t.close());

  const issue = (input: Record<string, unknown>, as: As = 'staff') => t.gql<IssueOut>(ISSUE, { input }, as);
  const update = (input: Record<string, unknown>, as: As = 'staff') => t.gql<UpdateOut>(UPDATE, { input }, as);

  async function issued(input: Record<string, unknown>): Promise<CertificationOut> {
    const payload = data(await issue(input)).issueCertification;
    expect(payload.userErrors).toEqual([]);
    return payload.certification!;
  }

  const newTrainer = (firstName = 'Nina', lastName = 'Novak', email = uniqueEmail()) => ({
    firstName,
    lastName,
    email,
  });

  async function decisionsOf(subjectId: string) {
    return data(
      await t.gql<{ decisionLog: { nodes: { action: string; actorId: string; details: Record<string, unknown> }[] } }>(
        `query($f: DecisionLogFilter) { decisionLog(first: 10, filter: $f) { nodes { action actorId details } } }`,
        { f: { subjectId } },
        'staff',
      ),
    ).decisionLog.nodes;
  }

  describe('issueCertification', () => {
    it('R1: a new trainer gets the certification, a generated number, the default expiry and a first cycle from the issue date', async () => {
      const cert = await issued({
        trainer: newTrainer('Renée', 'Østergård', '  Renee.Ostergard@Example.TEST '),
        issuedOn: '2026-05-04',
      });
      expect(cert).toMatchObject({
        programCode: 'CPT',
        issuedOn: '2026-05-04',
        cycleStartsOn: '2026-05-04',
        expiresOn: '2028-05-04',
        status: 'ACTIVE',
        trainer: { firstName: 'Renée', lastName: 'Østergård', email: 'renee.ostergard@example.test' },
      });
      expect(cert.number).toMatch(/^CPT-[1-9]\d{6}$/);
      expect(cert.id).toMatch(/^crt_/);
      expect(cert.trainer.id).toMatch(/^trn_/);
    });

    it.each([
      ['2024-02-29', '2026-02-28'],
      ['2025-08-31', '2027-08-31'],
      ['2024-08-31', '2026-08-31'],
    ])('R1: issued on %s, the default expiry is %s', async (issuedOn, expiresOn) => {
      const cert = await issued({ trainer: newTrainer(), issuedOn });
      expect(cert.expiresOn).toBe(expiresOn);
    });

    it('staff may give the number (trimmed, upper-cased), the program in any case, and the expiry', async () => {
      const cert = await issued({
        trainer: newTrainer(),
        programCode: ' cpt ',
        number: ' cpt-77001 ',
        issuedOn: '2026-01-10',
        expiresOn: '2027-12-31',
      });
      expect(cert).toMatchObject({ number: 'CPT-77001', programCode: 'CPT', expiresOn: '2027-12-31' });
    });

    it('an existing trainer whose certification has lapsed (R12) is certified again, and logged', async () => {
      const lapsed = await createTrainer(t, { expiresOn: '2025-06-15' });
      const cert = await issued({ trainer: { id: lapsed.trainerId }, issuedOn: TODAY, number: 'CPT-REISSUED-1' });
      expect(cert.trainer.id).toBe(lapsed.trainerId);
      expect(cert.expiresOn).toBe('2028-06-15');
      const trainer = data(
        await t.gql<{ trainer: { certifications: { number: string }[] } }>(
          `query($id: ID!) { trainer(id: $id) { certifications { number } } }`,
          { id: lapsed.trainerId },
          'staff',
        ),
      ).trainer;
      expect(trainer.certifications.map((c) => c.number)).toEqual([lapsed.number, 'CPT-REISSUED-1']);
      expect(await decisionsOf(cert.id)).toEqual([
        {
          action: 'CERTIFICATION_ISSUED',
          actorId: 'test.reviewer',
          details: {
            number: 'CPT-REISSUED-1',
            programCode: 'CPT',
            issuedOn: TODAY,
            expiresOn: '2028-06-15',
            trainerId: lapsed.trainerId,
            newTrainer: false,
          },
        },
      ]);
    });

    describe('refusals: a userError with a stable code, and nothing written', () => {
      let current: TrainerFixture;
      let expiredInWindow: TrainerFixture;
      let takenEmail: string;

      beforeAll(async () => {
        current = await createTrainer(t, { expiresOn: '2027-06-30' });
        expiredInWindow = await createTrainer(t, { expiresOn: '2025-06-16' });
        takenEmail = (await t.db.reader.findOneByOrFail(Trainer, { id: fromGlobalId('Trainer', current.trainerId)! }))
          .email;
      });

      const CASES: [string, () => Record<string, unknown>, string, string[]][] = [
        [
          'an unknown program',
          () => ({ trainer: newTrainer(), programCode: 'CES', issuedOn: TODAY }),
          'UNKNOWN_PROGRAM',
          ['input', 'programCode'],
        ],
        [
          'a number already used',
          () => ({ trainer: newTrainer(), number: current.number.toLowerCase(), issuedOn: TODAY }),
          'CERTIFICATION_NUMBER_TAKEN',
          ['input', 'number'],
        ],
        [
          'a number of the wrong form',
          () => ({ trainer: newTrainer(), number: 'CPT 1', issuedOn: TODAY }),
          'INVALID_FORMAT',
          ['input', 'number'],
        ],
        [
          'R12: a trainer holding an ACTIVE certification',
          () => ({ trainer: { id: current.trainerId }, issuedOn: TODAY }),
          'ALREADY_CERTIFIED',
          ['input', 'trainer'],
        ],
        [
          'R12: a trainer whose certification EXPIRED (a late application is still possible)',
          () => ({ trainer: { id: expiredInWindow.trainerId }, issuedOn: TODAY }),
          'ALREADY_CERTIFIED',
          ['input', 'trainer'],
        ],
        [
          'an expiry on the issue date',
          () => ({ trainer: newTrainer(), issuedOn: '2026-01-01', expiresOn: '2026-01-01' }),
          'INVALID_DATES',
          ['input', 'expiresOn'],
        ],
        [
          'an expiry before the issue date',
          () => ({ trainer: newTrainer(), issuedOn: '2026-01-01', expiresOn: '2025-12-31' }),
          'INVALID_DATES',
          ['input', 'expiresOn'],
        ],
        [
          'an issue date after today',
          () => ({ trainer: newTrainer(), issuedOn: '2026-06-16' }),
          'FUTURE_DATE',
          ['input', 'issuedOn'],
        ],
        [
          'an unknown trainer',
          () => ({ trainer: { id: 'trn_nope42' }, issuedOn: TODAY }),
          'NOT_FOUND',
          ['input', 'trainer', 'id'],
        ],
        [
          'a new trainer with an invalid e-mail address',
          () => ({ trainer: newTrainer('A', 'B', 'not-an-address'), issuedOn: TODAY }),
          'INVALID_FORMAT',
          ['input', 'trainer', 'email'],
        ],
        [
          'a new trainer with the e-mail address of another (in other case)',
          () => ({ trainer: newTrainer('A', 'B', takenEmail.toUpperCase()), issuedOn: TODAY }),
          'EMAIL_TAKEN',
          ['input', 'trainer', 'email'],
        ],
        [
          'both an existing trainer and a new one',
          () => ({ trainer: { id: current.trainerId, firstName: 'A' }, issuedOn: TODAY }),
          'INVALID_INPUT',
          ['input', 'trainer'],
        ],
        [
          'neither an existing trainer nor a new one',
          () => ({ trainer: {}, issuedOn: TODAY }),
          'REQUIRED',
          ['input', 'trainer'],
        ],
        [
          'a new trainer without an e-mail address',
          () => ({ trainer: { firstName: 'A', lastName: 'B' }, issuedOn: TODAY }),
          'REQUIRED',
          ['input', 'trainer', 'email'],
        ],
      ];

      it.each(CASES)('%s → %s', async (_name, input, code, field) => {
        const before = await snapshot(t);
        const payload = data(await issue(input())).issueCertification;
        expect(payload.certification).toBeNull();
        expect(payload.userErrors).toEqual([{ code, field, message: expect.any(String) }]);
        expect(payload.userErrors[0].message).not.toMatch(/[\^$\\]|SQL|Error:/);
        expect(await snapshot(t)).toEqual(before);
      });

      it('every problem of the input is named at once', async () => {
        const payload = data(
          await issue({
            trainer: { firstName: 'A', email: 'nope' },
            number: '#1',
            issuedOn: '2026-07-01',
            expiresOn: '2026-06-01',
          }),
        ).issueCertification;
        expect(payload.userErrors.map((e) => [e.code, e.field?.join('.')])).toEqual([
          ['REQUIRED', 'input.trainer.lastName'],
          ['INVALID_FORMAT', 'input.trainer.email'],
          ['INVALID_FORMAT', 'input.number'],
          ['FUTURE_DATE', 'input.issuedOn'],
          ['INVALID_DATES', 'input.expiresOn'],
        ]);
      });
    });

    it('idempotency: a repeat with the same key answers the first result; the key with other input is refused', async () => {
      const input = { trainer: newTrainer('Ida', 'Empotent'), issuedOn: '2026-03-01', idempotencyKey: 'issue-ida-1' };
      const first = await issued(input);
      const before = await snapshot(t);
      const again = await issued(input);
      expect(again).toEqual(first);
      expect(await snapshot(t)).toEqual(before);
      const other = data(await issue({ ...input, issuedOn: '2026-03-02' })).issueCertification;
      expect(other.userErrors.map((e) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect(await snapshot(t)).toEqual(before);
    });

    it('R12: two issues to one trainer at once: one is issued, the other is ALREADY_CERTIFIED', async () => {
      const lapsed = await createTrainer(t, { expiresOn: '2024-01-31' });
      const answers = await Promise.all(
        [1, 2].map(
          async () => data(await issue({ trainer: { id: lapsed.trainerId }, issuedOn: TODAY })).issueCertification,
        ),
      );
      expect(answers.map((a) => a.userErrors.map((e) => e.code)).sort()).toEqual([[], ['ALREADY_CERTIFIED']]);
    });

    it('generated numbers stay unique when certifications are issued at once', async () => {
      const certs = await Promise.all(
        Array.from({ length: 8 }, (_, i) => issued({ trainer: newTrainer('Con', `Current${i}`), issuedOn: TODAY })),
      );
      expect(new Set(certs.map((c) => c.number)).size).toBe(8);
    });
  });

  describe('updateTrainer', () => {
    let x: TrainerFixture;
    let y: TrainerFixture;

    beforeAll(async () => {
      x = await createTrainer(t, { firstName: 'Xavier', lastName: 'Upton' });
      y = await createTrainer(t, { firstName: 'Yolanda', lastName: 'Upton' });
    });

    it('staff change names and e-mail address, logged with before and after; the name search follows', async () => {
      const before = await t.db.reader.findOneByOrFail(Trainer, { id: fromGlobalId('Trainer', x.trainerId)! });
      const payload = data(
        await update({
          trainerId: x.trainerId,
          firstName: ' Xavière ',
          lastName: 'Úpton-Smith',
          email: 'Xav@Example.TEST',
        }),
      ).updateTrainer;
      expect(payload).toEqual({
        trainer: { id: x.trainerId, firstName: 'Xavière', lastName: 'Úpton-Smith', email: 'xav@example.test' },
        userErrors: [],
      });
      expect(await decisionsOf(x.trainerId)).toEqual([
        {
          action: 'TRAINER_UPDATED',
          actorId: 'test.reviewer',
          details: {
            before: { firstName: 'Xavier', lastName: 'Upton', email: before.email },
            after: { firstName: 'Xavière', lastName: 'Úpton-Smith', email: 'xav@example.test' },
          },
        },
      ]);
      const found = data(
        await t.gql<{ trainers: { nodes: { id: string }[] } }>(TRAINERS, { filter: { text: 'upton-s' } }, 'staff'),
      );
      expect(found.trainers.nodes.map((n) => n.id)).toEqual([x.trainerId]);
    });

    it('a trainer changes their own e-mail address (and may leave out their ID)', async () => {
      const own = data(await update({ email: 'yolanda@example.test' }, { trainer: y.trainerId })).updateTrainer;
      expect(own).toMatchObject({ trainer: { id: y.trainerId, email: 'yolanda@example.test' }, userErrors: [] });
      const named = data(await update({ trainerId: y.trainerId, email: 'yo@example.test' }, { trainer: y.trainerId }));
      expect(named.updateTrainer.trainer?.email).toBe('yo@example.test');
      expect((await decisionsOf(y.trainerId)).map((d) => [d.action, d.actorId])).toEqual([
        ['TRAINER_UPDATED', y.trainerId],
        ['TRAINER_UPDATED', y.trainerId],
      ]);
    });

    it('no change, no log entry', async () => {
      const before = await snapshot(t);
      const same = data(await update({ trainerId: y.trainerId, lastName: 'Upton' })).updateTrainer;
      expect(same.userErrors).toEqual([]);
      expect(await snapshot(t)).toEqual(before);
    });

    const REFUSALS: [string, () => Record<string, unknown>, () => As, string, string[]][] = [
      [
        'a trainer changing their name',
        () => ({ firstName: 'Yoli' }),
        () => ({ trainer: y.trainerId }),
        'NOT_PERMITTED',
        ['input', 'firstName'],
      ],
      [
        'a trainer changing another trainer',
        () => ({ trainerId: x.trainerId, email: 'x2@example.test' }),
        () => ({ trainer: y.trainerId }),
        'NOT_FOUND',
        ['input', 'trainerId'],
      ],
      [
        'staff naming no trainer',
        () => ({ email: 'x3@example.test' }),
        () => 'staff',
        'REQUIRED',
        ['input', 'trainerId'],
      ],
      [
        'an unknown trainer',
        () => ({ trainerId: 'trn_nope42', email: 'x4@example.test' }),
        () => 'staff',
        'NOT_FOUND',
        ['input', 'trainerId'],
      ],
      [
        'an invalid e-mail address',
        () => ({ trainerId: x.trainerId, email: 'x at example' }),
        () => 'staff',
        'INVALID_FORMAT',
        ['input', 'email'],
      ],
      [
        'the e-mail address of another trainer',
        () => ({ trainerId: x.trainerId, email: 'YO@example.test' }),
        () => 'staff',
        'EMAIL_TAKEN',
        ['input', 'email'],
      ],
      [
        'a trainer taking the e-mail address of another',
        () => ({ email: 'xav@example.test' }),
        () => ({ trainer: y.trainerId }),
        'EMAIL_TAKEN',
        ['input', 'email'],
      ],
    ];

    it.each(REFUSALS)('%s → %s, nothing written', async (_name, input, as, code, field) => {
      const before = await snapshot(t);
      const payload = data(await update(input(), as())).updateTrainer;
      expect(payload).toEqual({ trainer: null, userErrors: [{ code, field, message: expect.any(String) }] });
      expect(await snapshot(t)).toEqual(before);
    });
  });

  describe('trainers: find people by name, e-mail address or certification number', () => {
    let mueller: TrainerFixture;
    let muller: TrainerFixture;
    let jose: TrainerFixture;

    beforeAll(async () => {
      mueller = await createTrainer(t, { firstName: 'Zoë', lastName: 'Müllerová' });
      muller = await createTrainer(t, { firstName: 'Hans', lastName: 'Muller' });
      jose = await createTrainer(t, { firstName: 'José', lastName: 'MÜLLER  Díaz' });
    });

    const find = async (filter: Record<string, unknown>) =>
      data(
        await t.gql<{ trainers: { nodes: { id: string }[] } }>(TRAINERS, { filter, first: 100 }, 'staff'),
      ).trainers.nodes.map((n) => n.id);

    it.each<[string, string, (keyof { mueller: 0; muller: 0; jose: 0 })[]]>([
      ['without accents, lower case', 'muller', ['mueller', 'muller', 'jose']],
      ['with accents, another case', 'MÜLL', ['mueller', 'muller', 'jose']],
      ['accented text, unaccented name', 'Mulleŕ', ['mueller', 'muller', 'jose']],
      ['a given name with its accent', 'josé', ['jose']],
      ['a given name without its accent', 'JOSE', ['jose']],
      ['a family name with runs of spaces', 'muller diaz', ['jose']],
      ['a family name with its accents', 'MÜLLERová', ['mueller']],
      ['a given name', 'zoe', ['mueller']],
      ['no one', 'mullerx', []],
      ['a wildcard matched literally', 'mu%er', []],
    ])('text: %s (%j)', async (_name, text, expected) => {
      const ids = { mueller: mueller.trainerId, muller: muller.trainerId, jose: jose.trainerId };
      expect(await find({ text })).toEqual(expected.map((k) => ids[k]));
    });

    it('email: exact after normalizing; certificationNumber: exact after trimming and upper-casing', async () => {
      const email = (await t.db.reader.findOneByOrFail(Trainer, { id: fromGlobalId('Trainer', muller.trainerId)! }))
        .email;
      expect(await find({ email: ` ${email.toUpperCase()} ` })).toEqual([muller.trainerId]);
      expect(await find({ email: email.slice(1) })).toEqual([]);
      expect(await find({ certificationNumber: ` ${jose.number.toLowerCase()} ` })).toEqual([jose.trainerId]);
      expect(await find({ certificationNumber: jose.number.slice(0, -1) })).toEqual([]);
      expect(await find({ text: 'muller', certificationNumber: jose.number })).toEqual([jose.trainerId]);
      expect(await find({ text: 'hans', certificationNumber: jose.number })).toEqual([]);
    });

    it('pages oldest first with cursors', async () => {
      const all = await find({ text: 'mul' });
      const first = data(
        await t.gql<{ trainers: { totalCount: number; nodes: { id: string }[] } }>(
          `query { trainers(first: 2, filter: { text: "mul" }) { totalCount nodes { id } pageInfo { endCursor } } }`,
          {},
          'staff',
        ),
      );
      expect(first.trainers.totalCount).toBe(3);
      expect(first.trainers.nodes.map((n) => n.id)).toEqual(all.slice(0, 2));
    });
  });

  describe('certifications: in expiry order, by status on a date', () => {
    let u: TestApp;
    /** Number → expiry, issued in an order other than expiry order, with two on the same day. */
    const EXPIRIES: [string, string][] = [
      ['EXP-C', '2026-06-16'],
      ['EXP-A', '2025-06-15'],
      ['EXP-F', '2026-09-12'],
      ['EXP-B', '2025-06-16'],
      ['EXP-E', '2026-06-15'],
      ['EXP-D', '2026-06-14'],
      ['EXP-G', '2026-09-12'],
      ['EXP-H', '2026-09-14'],
    ];
    const byNumber = new Map<string, string>();

    beforeAll(async () => {
      // A server of its own: the lists below are the whole table.
      u = await startTestApp({ today: TODAY });
      for (const [number, expiresOn] of EXPIRIES) {
        const res = data(
          await u.gql<IssueOut>(
            ISSUE,
            {
              input: {
                trainer: { firstName: 'E', lastName: number, email: `${number}@example.test` },
                number,
                issuedOn: '2024-01-01',
                expiresOn,
              },
            },
            'staff',
          ),
        ).issueCertification;
        expect(res.userErrors).toEqual([]);
        byNumber.set(number, res.certification!.id);
      }
    });
    afterAll(() => u.close());

    type Page = {
      certifications: {
        totalCount: number;
        pageInfo: {
          hasNextPage: boolean;
          hasPreviousPage: boolean;
          startCursor: string | null;
          endCursor: string | null;
        };
        edges: {
          cursor: string;
          node: { id: string; number: string; expiresOn: string; status: string; trainer: { lastName: string } };
        }[];
      };
    };
    const list = async (variables: Record<string, unknown>) =>
      data(await u.gql<Page>(CERTIFICATIONS, variables, 'staff')).certifications;
    const numbers = (page: Page['certifications']) => page.edges.map((e) => e.node.number);

    it('all of them by expiry, then by ID for the same day, with their holders', async () => {
      const page = await list({ first: 100 });
      expect(numbers(page)).toEqual(['EXP-A', 'EXP-B', 'EXP-D', 'EXP-E', 'EXP-C', 'EXP-F', 'EXP-G', 'EXP-H']);
      expect(page.edges.map((e) => e.node.trainer.lastName)).toEqual(numbers(page));
      expect(page.totalCount).toBe(8);
    });

    it('pages forward and backward across the same expiry date with opaque cursors', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await list({ first: 3, after });
        seen.push(...numbers(page));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(['EXP-A', 'EXP-B', 'EXP-D', 'EXP-E', 'EXP-C', 'EXP-F', 'EXP-G', 'EXP-H']);
      const firstSix = await list({ first: 6 });
      const next = await list({ first: 2, after: firstSix.pageInfo.endCursor });
      expect(numbers(next)).toEqual(['EXP-G', 'EXP-H']);
      const back = await list({ last: 2, before: next.pageInfo.startCursor });
      expect(numbers(back)).toEqual(['EXP-C', 'EXP-F']);
      expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
      expect(Buffer.from(firstSix.pageInfo.endCursor!, 'base64url').toString()).not.toMatch(/^\d+$/);
    });

    it('a cursor this API did not issue is refused with BAD_USER_INPUT', async () => {
      for (const after of [
        'nope',
        Buffer.from('k1:["2026-02-30",1]').toString('base64url'),
        Buffer.from('c1:5').toString('base64url'),
      ]) {
        const res = await u.gql(CERTIFICATIONS, { first: 2, after }, 'staff');
        expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
    });

    // Today 2026-06-15. R12: ACTIVE through E; EXPIRED from E+1 while E+1 year is not reached; LAPSED from E+1 year.
    it.each<[string, Record<string, unknown>, string[]]>([
      [
        'R12: ACTIVE today: expiring today or later',
        { status: 'ACTIVE' },
        ['EXP-E', 'EXP-C', 'EXP-F', 'EXP-G', 'EXP-H'],
      ],
      [
        'R12: EXPIRED today: expired yesterday back to 2025-06-16 (closes tomorrow)',
        { status: 'EXPIRED' },
        ['EXP-B', 'EXP-D'],
      ],
      ['R12: LAPSED today: a year or more after expiry (2025-06-15 lapses today)', { status: 'LAPSED' }, ['EXP-A']],
      [
        'R12: EXPIRED tomorrow: 2025-06-16 lapses, today’s expiry joins',
        { status: 'EXPIRED', statusOn: '2026-06-16' },
        ['EXP-D', 'EXP-E'],
      ],
      ['R12: ACTIVE on 2026-09-12', { status: 'ACTIVE', statusOn: '2026-09-12' }, ['EXP-F', 'EXP-G', 'EXP-H']],
      [
        'expiring in the next 90 days (2026-06-15 … 2026-09-12)',
        { expiresFrom: TODAY, expiresThrough: '2026-09-12' },
        ['EXP-E', 'EXP-C', 'EXP-F', 'EXP-G'],
      ],
      [
        'ACTIVE and expiring through 2026-06-16',
        { status: 'ACTIVE', expiresThrough: '2026-06-16' },
        ['EXP-E', 'EXP-C'],
      ],
      ['EXPIRED and expiring from 2026-06-15: none', { status: 'EXPIRED', expiresFrom: TODAY }, []],
      ['program CPT (in any case)', { programCode: 'cpt', status: 'LAPSED' }, ['EXP-A']],
      ['another program: none', { programCode: 'CES' }, []],
    ])('%s', async (_name, filter, expected) => {
      expect(numbers(await list({ first: 100, filter }))).toEqual(expected);
      const paged: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await list({ first: 1, after, filter });
        paged.push(...numbers(page));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(paged).toEqual(expected);
    });
  });

  describe('who may see what', () => {
    it('a trainer reads their own certifications through viewer, and cannot list trainers or certifications', async () => {
      const me = await createTrainer(t, { firstName: 'Vera', lastName: 'Viewer' });
      const other = await createTrainer(t, { firstName: 'Otto', lastName: 'Other' });
      const viewer = data(
        await t.gql<{ viewer: { trainer: { id: string; certifications: { id: string; number: string }[] } } }>(
          `{ viewer { trainer { id certifications { id number } } } }`,
          {},
          { trainer: me.trainerId },
        ),
      ).viewer.trainer;
      expect(viewer).toEqual({ id: me.trainerId, certifications: [{ id: me.certificationId, number: me.number }] });
      const theirs = data(
        await t.gql<{ trainer: unknown; node: unknown }>(
          `query($t: ID!, $c: ID!) { trainer(id: $t) { id } node(id: $c) { id } }`,
          { t: other.trainerId, c: other.certificationId },
          { trainer: me.trainerId },
        ),
      );
      expect(theirs).toEqual({ trainer: null, node: null });
      for (const query of [`{ trainers { nodes { id } } }`, `{ certifications { nodes { id } } }`]) {
        const res = await t.gql(query, {}, { trainer: me.trainerId });
        expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect(res.body.data ?? null).toBeNull();
      }
    });
  });
});
