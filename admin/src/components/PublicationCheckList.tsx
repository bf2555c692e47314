import { Flex, Loader, Typography } from '@strapi/design-system';
import { CheckCircle } from '@strapi/icons';
import type { PublicationCheck, PublicationProblem } from '../../../shared/contracts/versions';
import { useT, type Translate } from '../hooks/useT';
import { errorMessage } from '../utils/errors';
import { describeTermItems } from './ConsentTermsEditor';
import { ProblemList } from './ServerProblems';

interface PublicationCheckListProps {
  check: PublicationCheck | undefined;
  /** The check is being asked for the dialog's current settings. */
  checking: boolean;
  error: unknown;
}

/** The Art. 8(4) items a missing-consent-terms problem names (`details.items`: the items, or `{ item }` entries). */
export const missingTermItemsOf = (problem: PublicationProblem): string[] => {
  const items = problem.details?.items;
  if (!Array.isArray(items)) return [];
  return items
    .map((entry: unknown) =>
      typeof entry === 'string' ? entry : typeof entry === 'object' && entry !== null && 'item' in entry ? String(entry.item) : ''
    )
    .filter(Boolean);
};

/**
 * The problems with the ones ProblemList words only in the server's English put in the admin's language:
 * missing-consent-terms, with the items it lists.
 */
export const localizeProblems = (problems: readonly PublicationProblem[], t: Translate): PublicationProblem[] =>
  problems.map((problem) => {
    if (problem.code !== 'missing-consent-terms') return problem;
    const items = missingTermItemsOf(problem);
    return items.length === 0 ? problem : { ...problem, message: t('publish.problem.missing-consent-terms', { items: describeTermItems(items, t) }) };
  });

/** The server's dry run of this publication: every rule it would break now, or that it would go through. */
export const PublicationCheckList = ({ check, checking, error }: PublicationCheckListProps) => {
  const t = useT();
  const state = checking ? 'checking' : error ? 'error' : check?.ok ? 'ok' : check ? 'fail' : 'checking';
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="publish-checks" data-state={state}>
      {state === 'error' && <Typography textColor="danger600">{errorMessage(error)}</Typography>}
      {state === 'checking' && <Loader small>{t('publish.check.running')}</Loader>}
      {state === 'ok' && (
        <Flex gap={2}>
          <CheckCircle fill="success600" aria-hidden />
          <Typography>{t('publish.check.ok')}</Typography>
        </Flex>
      )}
      {state === 'fail' && check && (
        <>
          <Typography textColor="danger600">{t('publish.check.fail')}</Typography>
          <ProblemList problems={localizeProblems(check.problems, t)} />
        </>
      )}
    </Flex>
  );
};
