import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Box, Button, DateTimePicker, Field, Flex, Modal, Radio, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { WithdrawalCase } from '../../../shared/contracts/ledger';
import { useT } from '../hooks/useT';
import { useRecordWithdrawalOutcomeMutation, type RefusalGround } from '../services/api';
import { ALMATY, formatInstant } from '../utils/dates';
import { errorMessage } from '../utils/errors';
import { ModalActions } from './ModalActions';
import { ServerProblems } from './ServerProblems';
import { withdrawnPurposes, ZonedInstant } from './ZonedInstant';

/** As the server takes a refusal's reason (recordWithdrawalOutcome). */
const MAX_REASON = 2000;
const GROUNDS: readonly RefusalGround[] = ['law', 'unfulfilled-obligation'];

interface WithdrawalOutcomeModalProps {
  withdrawal: WithdrawalCase;
  onClose: () => void;
}

const statusOf = (failure: unknown) =>
  typeof failure === 'object' && failure !== null && 'status' in failure ? Number((failure as { status: unknown }).status) : undefined;

/**
 * What was done about one withdrawal, recorded once and never changed: processing stopped (when), or the
 * withdrawal refused on one of the two grounds Law 94-V Art. 8(2) allows, with the reason. The server checks
 * it all again and appends it to the ledger as an audit event naming the admin.
 */
export const WithdrawalOutcomeModal = ({ withdrawal: handled, onClose }: WithdrawalOutcomeModalProps) => {
  const t = useT();
  const { locale } = useIntl();
  const [recordOutcome, { isLoading: busy }] = useRecordWithdrawalOutcomeMutation();
  const { withdrawal } = handled;
  const [outcome, setOutcome] = useState<'stopped' | 'refused'>('stopped');
  const [at, setAt] = useState<Date | null>(() => new Date());
  // Left as opened, the server records its own "now": a browser clock ahead of the server's would be refused.
  const [atChosen, setAtChosen] = useState(false);
  const [ground, setGround] = useState<RefusalGround | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const withdrawnAt = new Date(withdrawal.recordedAt);
  const atError =
    outcome !== 'stopped'
      ? undefined
      : !at
        ? t('withdrawals.modal.at.required')
        : at.getTime() < withdrawnAt.getTime() || (atChosen && at.getTime() > Date.now())
          ? t('withdrawals.modal.at.range', { withdrawnAt: formatInstant(withdrawnAt, locale, ALMATY) })
          : undefined;
  const groundError = outcome === 'refused' && !ground ? t('withdrawals.modal.ground.required') : undefined;
  const reasonError =
    outcome !== 'refused'
      ? undefined
      : reason.trim() === ''
        ? t('withdrawals.modal.reason.required')
        : reason.length > MAX_REASON
          ? t('withdrawals.modal.reason.tooLong', { max: MAX_REASON })
          : undefined;
  const valid = !atError && !groundError && !reasonError;
  const shown = (error: string | undefined) => (attempted ? error : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!valid) return;
    setRefusal(null);
    try {
      await recordOutcome({
        id: withdrawal.id,
        body:
          outcome === 'stopped'
            ? { outcome, ...(atChosen && at ? { at: at.toISOString() } : {}) }
            : { outcome, ground: ground as RefusalGround, reason: reason.trim() },
      }).unwrap();
      onClose();
    } catch (failure) {
      setRefusal(statusOf(failure) === 409 ? t('withdrawals.modal.conflict') : errorMessage(failure));
    }
  };

  const purposes = withdrawnPurposes(withdrawal.purposes);
  const subjectReason = typeof withdrawal.metadata?.reason === 'string' ? withdrawal.metadata.reason : null;

  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate data-testid="withdrawal-outcome-form">
          <Modal.Header closeLabel={t('common.close')}>
            <Modal.Title>{t('withdrawals.modal.title')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Box padding={4} background="neutral100" hasRadius>
                <Flex direction="column" alignItems="flex-start" gap={2} tag="dl">
                  <Typography variant="sigma" tag="dt" textColor="neutral600">
                    {t('withdrawals.column.subject')}
                  </Typography>
                  <Typography tag="dd" fontWeight="bold">
                    {withdrawal.subject ?? '—'} {withdrawal.version === null ? '' : `(v${withdrawal.version})`}
                  </Typography>
                  <Typography variant="sigma" tag="dt" textColor="neutral600">
                    {t('withdrawals.column.recordedAt')}
                  </Typography>
                  <Box tag="dd">
                    <ZonedInstant value={withdrawal.recordedAt} />
                  </Box>
                  <Typography variant="sigma" tag="dt" textColor="neutral600">
                    {t('withdrawals.column.purposes')}
                  </Typography>
                  <Typography tag="dd">{purposes === null ? t('withdrawals.purposes.all') : purposes.join(', ')}</Typography>
                  <Typography variant="sigma" tag="dt" textColor="neutral600">
                    {t('withdrawals.column.stopBy')}
                  </Typography>
                  <Box tag="dd">
                    <ZonedInstant value={handled.processingStopBy} danger={handled.overdue} />
                  </Box>
                  {subjectReason && (
                    <>
                      <Typography variant="sigma" tag="dt" textColor="neutral600">
                        {t('withdrawals.modal.subjectReason')}
                      </Typography>
                      <Typography tag="dd" style={{ whiteSpace: 'pre-wrap' }}>
                        {subjectReason}
                      </Typography>
                    </>
                  )}
                </Flex>
              </Box>
              {refusal && <ServerProblems problems={[]} message={refusal} title={t('withdrawals.modal.notRecorded')} />}
              <Flex direction="column" alignItems="stretch" gap={2}>
                <Typography variant="pi" fontWeight="bold" id="withdrawal-outcome-choice">
                  {t('withdrawals.modal.outcome')}
                </Typography>
                <Radio.Group
                  name="outcome"
                  value={outcome}
                  aria-labelledby="withdrawal-outcome-choice"
                  onValueChange={(value: string) => setOutcome(value === 'refused' ? 'refused' : 'stopped')}
                >
                  <Radio.Item value="stopped">{t('withdrawals.modal.outcome.stopped')}</Radio.Item>
                  <Radio.Item value="refused">{t('withdrawals.modal.outcome.refused')}</Radio.Item>
                </Radio.Group>
              </Flex>
              {outcome === 'stopped' ? (
                <Field.Root name="at" required error={shown(atError)} hint={t('withdrawals.modal.at.hint')}>
                  <Field.Label>{t('withdrawals.modal.at')}</Field.Label>
                  <DateTimePicker
                    value={at}
                    onChange={(date) => {
                      setAt(date ?? null);
                      setAtChosen(true);
                    }}
                    onClear={() => {
                      setAt(null);
                      setAtChosen(true);
                    }}
                    clearLabel={t('withdrawals.modal.at.clear')}
                    dateLabel={t('withdrawals.modal.at.date')}
                    timeLabel={t('withdrawals.modal.at.time')}
                    minDate={withdrawnAt}
                    maxDate={new Date()}
                    locale={locale}
                    step={15}
                  />
                  <Field.Hint />
                  <Field.Error />
                  {at && (
                    <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={2} data-testid="outcome-at-zones">
                      <Typography variant="pi">
                        {ALMATY}: <strong>{formatInstant(at, locale, ALMATY)}</strong>
                      </Typography>
                      <Typography variant="pi">
                        UTC: <strong>{formatInstant(at, locale, 'UTC')}</strong>
                      </Typography>
                    </Flex>
                  )}
                </Field.Root>
              ) : (
                <>
                  <Field.Root name="ground" required error={shown(groundError)} hint={ground ? t(`withdrawals.ground.${ground}.hint`) : t('withdrawals.modal.ground.hint')}>
                    <Field.Label>{t('withdrawals.modal.ground')}</Field.Label>
                    <SingleSelect
                      value={ground}
                      placeholder={t('withdrawals.modal.ground.placeholder')}
                      onChange={(value) => setGround(GROUNDS.find((candidate) => candidate === value))}
                    >
                      {GROUNDS.map((candidate) => (
                        <SingleSelectOption key={candidate} value={candidate}>
                          {t(`withdrawals.ground.${candidate}`)}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                    <Field.Hint />
                    <Field.Error />
                  </Field.Root>
                  <Field.Root name="reason" required error={shown(reasonError) ?? (reason.length > MAX_REASON ? reasonError : undefined)} hint={t('withdrawals.modal.reason.hint', { max: MAX_REASON, count: reason.length })}>
                    <Field.Label>{t('withdrawals.modal.reason')}</Field.Label>
                    <Textarea value={reason} onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setReason(event.target.value)} />
                    <Field.Hint />
                    <Field.Error />
                  </Field.Root>
                </>
              )}
            </Flex>
          </Modal.Body>
          <ModalActions>
            <Button type="submit" loading={busy} variant={outcome === 'refused' ? 'danger' : 'default'} data-testid="confirm-withdrawal-outcome">
              {t('withdrawals.modal.confirm')}
            </Button>
          </ModalActions>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
