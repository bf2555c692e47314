import { useState } from 'react';
import { Alert, Button, Flex, Typography } from '@strapi/design-system';
import { Shield } from '@strapi/icons';
import type { ChainVerification as Result } from '../api/types';
import { usePolicyApi } from '../api/usePolicyApi';
import { useT } from '../hooks/useT';
import { errorMessage, isRouteMissing } from '../utils/errors';

/**
 * Recomputes the ledger's hash chain on the server. Run on demand: it reads every record, and a broken
 * link is evidence someone should look at, not a number to refresh in the background.
 */
export const ChainVerification = () => {
  const t = useT();
  const api = usePolicyApi();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.verifyChain());
    } catch (failure) {
      setResult(null);
      setError(isRouteMissing(failure) ? t('common.not-available') : errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="chain-verification">
      <Flex gap={3}>
        <Button variant="secondary" startIcon={<Shield />} onClick={verify} loading={busy}>
          {t('acceptances.verify')}
        </Button>
        <Typography variant="pi" textColor="neutral600">
          {t('acceptances.verify.hint')}
        </Typography>
      </Flex>
      {error && (
        <Alert variant="warning" closeLabel={t('common.close')}>
          {error}
        </Alert>
      )}
      {result &&
        (result.ok ? (
          <Alert variant="success" closeLabel={t('common.close')} title={t('acceptances.verify.ok.title')} data-result="ok">
            {t('acceptances.verify.ok', { count: result.count })}
          </Alert>
        ) : (
          <Alert variant="danger" closeLabel={t('common.close')} title={t('acceptances.verify.broken.title')} data-result="broken">
            {result.firstBroken ? (
              <>
                {t('acceptances.verify.broken', { count: result.count })} <code>{JSON.stringify(result.firstBroken)}</code>
              </>
            ) : (
              <>
                {t('acceptances.verify.texts', { count: result.count })}{' '}
                <code>
                  {(result.mismatchedTexts ?? []).map((text) => `${text.policy} v${text.version} ${text.locale}`).join(', ')}
                </code>
              </>
            )}
          </Alert>
        ))}
    </Flex>
  );
};
