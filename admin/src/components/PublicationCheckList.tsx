import { Flex, Loader, Typography } from '@strapi/design-system';
import { CheckCircle } from '@strapi/icons';
import type { PublicationCheck } from '../../../shared/contracts/versions';
import { useT } from '../hooks/useT';
import { errorMessage } from '../utils/errors';
import { ProblemList } from './ServerProblems';

interface PublicationCheckListProps {
  check: PublicationCheck | undefined;
  /** The check is being asked for the dialog's current settings. */
  checking: boolean;
  error: unknown;
}

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
          <ProblemList problems={check.problems} />
        </>
      )}
    </Flex>
  );
};
