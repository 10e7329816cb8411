import type { Migration, MigrationProvider } from "kysely";
import * as accounts from "./20261125T153000-accounts";
import * as interactions from "./20261125T153100-interactions";
import * as apiTokens from "./20261125T160000-api-tokens";
import * as uploadIntents from "./20261125T160100-upload-intents";
import * as interactionListFilters from "./20261125T170000-interaction-list-filters";
import * as scorecardsEvaluations from "./20261125T190000-scorecards-evaluations";
import * as sampling from "./20261125T190100-sampling";
import * as annotations from "./20261125T190200-annotations";
import * as assignmentsDeletedRule from "./20261126T100000-assignments-deleted-rule";
import * as waveformOverview from "./20261201T210000-waveform-overview";
import * as jobRunners from "./20261210T090000-job-runners";
import * as interactionWarnings from "./20261210T120000-interaction-warnings";
import * as auditSystemActor from "./20261212T050000-audit-system-actor";
import * as revokeInactiveUsersTokens from "./20261212T020000-revoke-inactive-users-tokens";
import * as hiddenQuestions from "./20261212T030000-hidden-questions";
import * as evaluationRevisions from "./20261213T090000-evaluation-revisions";
import * as acknowledgements from "./20261213T100000-acknowledgements";
import * as organisationSettings from "./20261214T090000-organisation-settings";
import * as notifications from "./20261214T091000-notifications";
import * as reportRowsAndRollups from "./20261214T120000-report-rows-and-rollups";
import * as disputes from "./20261214T130000-disputes";
import * as notificationEmail from "./20261214T140000-notification-email";
import * as evaluationComments from "./20261214T140100-evaluation-comments";
import * as webhooks from "./20261214T150000-webhooks";
import * as selfEvaluation from "./20261214T160000-self-evaluation";
import * as selfEvaluationRequests from "./20261214T170000-self-evaluation-requests";
import * as customerKpis from "./20261215T110000-customer-kpis";
import * as selfEvaluationRequestedNotification from "./20261215T120000-self-evaluation-requested-notification";
import * as coaching from "./20261215T130000-coaching";
import * as reportRollupsAtScale from "./20261216T130000-report-rollups-at-scale";
import * as reportQuestionRowsView from "./20261216T130100-report-question-rows-view";
import * as questionRollups from "./20261217T100000-question-rollups";
import * as reviewerRollups from "./20261217T110000-reviewer-rollups";
import * as agentQuestionRollup from "./20261217T130000-agent-question-rollup";
import * as reportReadLayout from "./20261217T130100-report-read-layout";

/**
 * Every migration, listed statically. Node 20 cannot import `.ts` files found on
 * disk at run time and the Remix bundle does not include this folder, so the
 * migrator gets them from this map instead of reading the directory.
 * Add new migrations at the end; never edit one that has landed.
 */
const migrations: Record<string, Migration> = {
  "20261125T153000-accounts": accounts,
  "20261125T153100-interactions": interactions,
  "20261125T160000-api-tokens": apiTokens,
  "20261125T160100-upload-intents": uploadIntents,
  "20261125T170000-interaction-list-filters": interactionListFilters,
  "20261125T190000-scorecards-evaluations": scorecardsEvaluations,
  "20261125T190100-sampling": sampling,
  "20261125T190200-annotations": annotations,
  "20261126T100000-assignments-deleted-rule": assignmentsDeletedRule,
  "20261201T210000-waveform-overview": waveformOverview,
  "20261210T090000-job-runners": jobRunners,
  "20261210T120000-interaction-warnings": interactionWarnings,
  "20261212T020000-revoke-inactive-users-tokens": revokeInactiveUsersTokens,
  "20261212T030000-hidden-questions": hiddenQuestions,
  "20261212T050000-audit-system-actor": auditSystemActor,
  "20261213T090000-evaluation-revisions": evaluationRevisions,
  "20261213T100000-acknowledgements": acknowledgements,
  "20261214T090000-organisation-settings": organisationSettings,
  "20261214T091000-notifications": notifications,
  "20261214T120000-report-rows-and-rollups": reportRowsAndRollups,
  "20261214T130000-disputes": disputes,
  "20261214T140000-notification-email": notificationEmail,
  "20261214T140100-evaluation-comments": evaluationComments,
  "20261214T150000-webhooks": webhooks,
  "20261214T160000-self-evaluation": selfEvaluation,
  "20261214T170000-self-evaluation-requests": selfEvaluationRequests,
  "20261215T110000-customer-kpis": customerKpis,
  "20261215T120000-self-evaluation-requested-notification": selfEvaluationRequestedNotification,
  "20261215T130000-coaching": coaching,
  "20261216T130000-report-rollups-at-scale": reportRollupsAtScale,
  "20261216T130100-report-question-rows-view": reportQuestionRowsView,
  "20261217T100000-question-rollups": questionRollups,
  "20261217T110000-reviewer-rollups": reviewerRollups,
  "20261217T130000-agent-question-rollup": agentQuestionRollup,
  "20261217T130100-report-read-layout": reportReadLayout,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
