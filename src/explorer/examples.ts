import { DEMO_API_KEY } from '../seed/demo';

/** One tab of the explorer: an operation, its variables and the headers it is sent with. */
export interface ExplorerExample {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** The demo partner's API key, usable only against a database seeded with the demo data. */
export const DEMO_PROVIDER_KEY = `${DEMO_API_KEY.prefix}_${DEMO_API_KEY.secret}`;

/**
 * Example operations for each kind of caller, opened as tabs. IDs are those of the demo data
 * (SEED_DEMO); tokens for the portal and staff come from `npm run token`.
 */
export const EXPLORER_EXAMPLES: ExplorerExample[] = [
  {
    title: 'Anyone: the public catalogue',
    query: `# Anyone: the public catalogue. No Authorization header needed.
query Catalogue {
  courses(first: 10) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      code
      title
      ceuValue
      contactHours
      deliveryFormat
      approvedThrough
      provider {
        name
      }
    }
  }
}
`,
  },
  {
    title: 'Provider partner: courses and completions',
    query: `# Provider partner: sends its API key as "Authorization: Bearer ceu_live_…".
# The demo partner Apex Fitness Education (prv_LDpf9z) has the demo-only key in the headers below.
query MyCourses($providerId: ID!) {
  viewer {
    role
    provider {
      id
      name
      status
    }
  }
  courses(first: 20, filter: { providerId: $providerId }) {
    nodes {
      id
      code
      title
      status
      defaultCeuValue
    }
  }
}

mutation Report {
  reportCompletions(
    input: {
      idempotencyKey: "apex-explorer-batch-1"
      rows: [
        {
          certificationNumber: "CPT-1000001"
          lastName: "Lopez"
          courseId: "crs_TieM13"
          completedOn: "2026-11-01"
          externalRef: "row-1"
        }
      ]
    }
  ) {
    acceptedCount
    duplicateCount
    rejectedCount
    results {
      index
      status
      message
      externalRef
    }
    userErrors {
      code
      field
      message
    }
  }
}
`,
    variables: { providerId: 'prv_LDpf9z' },
    headers: { Authorization: `Bearer ${DEMO_PROVIDER_KEY}` },
  },
  {
    title: 'Trainer portal: transcript and compliance',
    query: `# Trainer portal: a trainer JWT. Mint one with
#   npm run token -- --role trainer --sub trn_qLnT7I
# and put it in the Authorization header below.
query Transcript($certificationId: ID!) {
  transcript(certificationId: $certificationId) {
    cycle {
      startsOn
      expiresOn
      courseworkDeadline
    }
    ceu {
      earned
      pending
      required
      remaining
    }
    compliance {
      status
      acceptable
      window {
        phase
        expiresOn
        closesOn
      }
      continuingEducation {
        earned
        pending
        required
        remaining
      }
      cprAed {
        status
        reason
      }
    }
  }
}
`,
    variables: { certificationId: 'crt_qLnT7I' },
    headers: { Authorization: 'Bearer <token from: npm run token -- --role trainer --sub trn_qLnT7I>' },
  },
  {
    title: 'Staff: pending petitions and decisions',
    query: `# Staff: a staff JWT. Mint one with
#   npm run token -- --role staff --sub ann
# and put it in the Authorization header below.
query Pending {
  petitions(filter: { status: PENDING }) {
    nodes {
      id
      requestedCeu
      completion {
        title
        providerName
      }
    }
  }
}

mutation Decide($petitionId: ID!) {
  decidePetition(input: { petitionId: $petitionId, decision: APPROVE, awardedCeu: "1.0" }) {
    petition {
      status
      awardedCeu
    }
    userErrors {
      code
      message
    }
  }
}
`,
    variables: { petitionId: 'pet_LDpf9z' },
    headers: { Authorization: 'Bearer <token from: npm run token -- --role staff --sub ann>' },
  },
];
