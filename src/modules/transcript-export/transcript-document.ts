import { execute, GraphQLSchema, parse } from 'graphql';
import { RequestContext } from '../../context';
import { LocalDate } from '../../rules/calendar';

/**
 * What a transcript export shows. It is read through the API's own `transcript` query, run in
 * the caller's request context, so that a PDF or a credential says exactly what the API answers
 * and is refused to exactly the callers the API refuses.
 */
export const TRANSCRIPT_EXPORT_QUERY = parse(/* GraphQL */ `
  query TranscriptExport($certificationId: ID!, $asOf: Date) {
    transcript(certificationId: $certificationId, asOf: $asOf) {
      asOf
      certification {
        id
        number
        programCode
        issuedOn
        expiresOn
        trainer {
          id
          firstName
          lastName
        }
      }
      cycle {
        startsOn
        expiresOn
        courseworkDeadline
      }
      entries {
        standing
        countedCeu
        completion {
          id
          title
          providerName
          completedOn
          contactHours
          ceuValue
          creditPath
          source
          petition {
            status
            requestedCeu
          }
        }
      }
      ceu {
        earnedAutomatic
        earnedByPetition
        earned
        pending
        required
        remaining
      }
      compliance {
        status
        acceptable
        totalEarned
        totalRequired
        continuingEducation {
          earned
          required
        }
        cprAed {
          status
          counts
          earned
          required
          reason
          advisories
        }
        blockers {
          code
          message
        }
        nextDeadline {
          date
          kind
        }
      }
    }
  }
`);

export interface TranscriptEntryData {
  standing: string;
  countedCeu: string;
  completion: {
    id: string;
    title: string;
    providerName: string;
    completedOn: LocalDate;
    contactHours: string;
    ceuValue: string;
    creditPath: string;
    source: string;
    /** The latest petition for the entry, if any. */
    petition: { status: string; requestedCeu: string } | null;
  };
}

export interface TranscriptData {
  asOf: LocalDate;
  certification: {
    id: string;
    number: string;
    programCode: string;
    issuedOn: LocalDate;
    expiresOn: LocalDate;
    trainer: { id: string; firstName: string; lastName: string } | null;
  };
  cycle: { startsOn: LocalDate; expiresOn: LocalDate; courseworkDeadline: LocalDate };
  entries: TranscriptEntryData[];
  ceu: {
    earnedAutomatic: string;
    earnedByPetition: string;
    earned: string;
    pending: string;
    required: string;
    remaining: string;
  };
  compliance: {
    status: string;
    acceptable: boolean;
    totalEarned: string;
    totalRequired: string;
    continuingEducation: { earned: string; required: string };
    cprAed: {
      status: string;
      counts: boolean;
      earned: string;
      required: string;
      reason: string;
      advisories: string[];
    };
    blockers: { code: string; message: string }[];
    nextDeadline: { date: LocalDate; kind: string } | null;
  };
}

/** A transcript as the caller may see it, or null when there is none they may see. */
export async function readTranscript(
  schema: GraphQLSchema,
  ctx: RequestContext,
  certificationId: string,
  asOf: LocalDate | null,
): Promise<TranscriptData | null> {
  const result = await execute({
    schema,
    document: TRANSCRIPT_EXPORT_QUERY,
    contextValue: ctx,
    variableValues: { certificationId, asOf },
  });
  if (result.errors?.length) throw result.errors[0];
  return (result.data as { transcript: TranscriptData | null }).transcript;
}

/** The trainer's name as printed, or the certification number when the trainer is not visible. */
export function holderName(data: TranscriptData): string {
  const trainer = data.certification.trainer;
  return trainer ? `${trainer.firstName} ${trainer.lastName}` : data.certification.number;
}
