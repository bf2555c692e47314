import { Badge, Flex, Typography } from '@strapi/design-system';
import type { DiffSummary } from '../../../shared/contracts/diff';
import { useT, type MessageKey } from '../hooks/useT';

const BLOCK_COUNTS: Array<[keyof DiffSummary, MessageKey, 'success' | 'danger' | 'warning' | 'alternative' | 'secondary' | 'neutral']> = [
  ['added', 'diff.summary.added', 'success'],
  ['removed', 'diff.summary.removed', 'danger'],
  ['changed', 'diff.summary.changed', 'warning'],
  ['moved', 'diff.summary.moved', 'alternative'],
  ['renumbered', 'diff.summary.renumbered', 'secondary'],
  ['unchanged', 'diff.summary.unchanged', 'neutral'],
];

/** The diff's counts: blocks by kind, then words inserted and deleted. */
export const DiffSummaryBar = ({ summary }: { summary: DiffSummary }) => {
  const t = useT();
  return (
    <Flex gap={2} wrap="wrap" data-testid="diff-summary">
      {BLOCK_COUNTS.map(([field, label, variant]) => (
        <Badge key={field} variant={variant} size="M">
          {t(label, { count: Number(summary[field]) })}
        </Badge>
      ))}
      <Typography variant="pi" textColor="neutral600">
        {t('diff.summary.words', { inserted: summary.wordsInserted, deleted: summary.wordsDeleted })}
      </Typography>
      {summary.coarse > 0 && (
        <Typography variant="pi" textColor="warning600">
          {t('diff.summary.coarse')}
        </Typography>
      )}
    </Flex>
  );
};
