import { Alert, Button, Flex, Typography } from '@strapi/design-system';
import { Shield } from '@strapi/icons';
import { useT } from '../hooks/useT';
import { useLazyVerifyPolicyLedgerQuery } from '../services/api';
import { errorMessage } from '../utils/errors';

/**
 * Recomputes the ledger's hash chain on the server. Run on demand: it reads every record, and a broken
 * link is evidence someone should look at, not a number to refresh in the background.
 */
export const ChainVerification = () => {
  const t = useT();
  const [verify, verification] = useLazyVerifyPolicyLedgerQuery();
  const result = verification.isError ? undefined : verification.data;

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="chain-verification">
      <Flex gap={3}>
        <Button variant="secondary" startIcon={<Shield />} onClick={() => verify()} loading={verification.isFetching}>
          {t('acceptances.verify')}
        </Button>
        <Typography variant="pi" textColor="neutral600">
          {t('acceptances.verify.hint')}
        </Typography>
      </Flex>
      {verification.isError && (
        <Alert variant="warning" closeLabel={t('common.close')}>
          {errorMessage(verification.error)}
        </Alert>
      )}
      {result &&
        (result.ok ? (
          <Alert variant="success" closeLabel={t('common.close')} title={t('acceptances.verify.ok.title')} data-result="ok">
            {t('acceptances.verify.ok', { count: result.count })} {t('acceptances.verify.checkpoints', { count: result.log.checkpoints })}
          </Alert>
        ) : (
          <Alert variant="danger" closeLabel={t('common.close')} title={t('acceptances.verify.broken.title')} data-result="broken">
            {result.firstBroken ? (
              <>
                {t('acceptances.verify.broken', { count: result.count })} <code>{JSON.stringify(result.firstBroken)}</code>
              </>
            ) : result.log.problem ? (
              <>
                {t('acceptances.verify.log', { count: result.count })} <code>{result.log.problem.reason}</code>: {result.log.problem.detail}
              </>
            ) : (
              <>
                {t('acceptances.verify.texts', { count: result.count })}{' '}
                <code>
                  {result.mismatchedTexts.map((text) => `${text.policy} v${text.version} ${text.locale}`).join(', ')}
                </code>
              </>
            )}
          </Alert>
        ))}
    </Flex>
  );
};
