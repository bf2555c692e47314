import { Alert, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { PublicationProblem } from '../api/types';
import { useT, type Translate } from '../hooks/useT';
import { formatInstant } from '../utils/dates';

/** The server's reason in the admin's language where the code is known, its own English words otherwise. */
const describe = (problem: PublicationProblem, t: Translate, locale: string): string => {
  const details = problem.details ?? {};
  const earliest = typeof details.earliest === 'string' ? formatInstant(details.earliest, locale) : '';
  switch (problem.code) {
    case 'missing-locale':
      return t('publish.problem.missing-locale', { locales: ((details.locales as string[] | undefined) ?? []).join(', ').toUpperCase() });
    case 'effective-in-past':
      return t('publish.problem.effective-in-past', { earliest });
    case 'effective-order':
      return t('publish.problem.effective-order', { earliest });
    case 'notice-period':
      return t('publish.problem.notice-period', { days: Number(details.minNoticeDays ?? 0), earliest });
    default:
      return problem.message;
  }
};

/** Why the server refused to publish: one line per failed check, each saying what to change. */
export const ServerProblems = ({ problems, message }: { problems: PublicationProblem[]; message: string }) => {
  const t = useT();
  const { locale } = useIntl();
  return (
    <Alert variant="danger" closeLabel={t('common.close')} title={t('publish.refused')} data-testid="publish-problems">
      {problems.length === 0 ? (
        message
      ) : (
        <Flex direction="column" alignItems="flex-start" gap={1} tag="ul">
          {problems.map((problem) => (
            <Typography key={problem.code} tag="li" data-problem={problem.code}>
              {describe(problem, t, locale)}
            </Typography>
          ))}
        </Flex>
      )}
    </Alert>
  );
};
