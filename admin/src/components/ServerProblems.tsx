import { Alert, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { PublicationProblem } from '../../../shared/contracts/versions';
import type { PolicyLocale } from '../../../shared/locales';
import { useT, type Translate } from '../hooks/useT';
import { formatInstant } from '../utils/dates';

type MissingFields = Partial<Record<PolicyLocale, Array<'title' | 'body'>>>;

/** The required locales a missing-locale problem names, with the fields each lacks (the server's `details`). */
export const missingFields = (problems: readonly PublicationProblem[]): MissingFields =>
  (problems.find((problem) => problem.code === 'missing-locale')?.details?.fields ?? {}) as MissingFields;

/** The missing fields, as people read them: "RU (title, text); KK (text)". */
export const describeMissing = (missing: MissingFields, t: Translate) =>
  Object.entries(missing)
    .map(([locale, fields]) => `${locale.toUpperCase()} (${fields.map((field) => t(`editor.field.${field}`)).join(', ')})`)
    .join('; ');

/** The server's reason in the admin's language where the code is known, its own English words otherwise. */
const describe = (problem: PublicationProblem, t: Translate, locale: string): string => {
  const details = problem.details ?? {};
  const earliest = typeof details.earliest === 'string' ? formatInstant(details.earliest, locale) : '';
  switch (problem.code) {
    case 'no-text':
      return t('publish.problem.no-text');
    case 'missing-locale':
      return t('publish.problem.missing-locale', { locales: describeMissing(missingFields([problem]), t) });
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

/** One line per broken publication rule, each saying what to change. */
export const ProblemList = ({ problems }: { problems: readonly PublicationProblem[] }) => {
  const t = useT();
  const { locale } = useIntl();
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} tag="ul">
      {problems.map((problem) => (
        <Typography key={problem.code} tag="li" data-problem={problem.code}>
          {describe(problem, t, locale)}
        </Typography>
      ))}
    </Flex>
  );
};

/** Why the server refused an action (publishing unless `title` says otherwise): its broken rules, or its message. */
export const ServerProblems = ({ problems, message, title }: { problems: PublicationProblem[]; message: string; title?: string }) => {
  const t = useT();
  return (
    <Alert variant="danger" closeLabel={t('common.close')} title={title ?? t('publish.refused')} data-testid="publish-problems">
      {problems.length === 0 ? message : <ProblemList problems={problems} />}
    </Alert>
  );
};
