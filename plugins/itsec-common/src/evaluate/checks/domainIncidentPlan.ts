import { ev, NO_EVIDENCE, result, src } from '../context';
import { defineCheck, reasonArrays } from './types';
import { INCIDENT_ANNOTATIONS } from './incidentProvision';

const REASONS = {
  'domain-incident-plan-linked': {
    message: 'The domain incident management plan is linked',
  },
  'domain-incident-plan-not-linked': {
    message: 'No domain incident management plan linked',
  },
};
const R = reasonArrays(REASONS);

/** Organisation: whether the domain's incident plan is linked (reported, never scored). */
export const domainIncidentPlanCheck = defineCheck({
  id: 'domain-incident-plan',
  kind: 'organisation',
  description:
    'Reports whether the domain incident management plan is linked (not scored)',
  annotations: [INCIDENT_ANNOTATIONS['incident-plan']],
  profileFields: ['records.incident'],
  reasons: REASONS,
  run(ctx, cs) {
    const rec = ctx.records.incident;
    if (rec && rec.planLink) {
      return result(
        ctx,
        cs,
        'not-scored',
        R['domain-incident-plan-linked'],
        'Domain incident management plan linked (assessed at portfolio level)',
        [
          ev(
            'record',
            'Domain incident management plan',
            undefined,
            rec.planLink,
            rec.planLinkSource ?? src(rec),
          ),
        ],
        NaN,
      );
    }
    return result(
      ctx,
      cs,
      'not-scored',
      R['domain-incident-plan-not-linked'],
      'No domain incident management plan linked (assessed at portfolio level)',
      NO_EVIDENCE,
      NaN,
    );
  },
});
