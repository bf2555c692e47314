import { Status, Typography, type StatusVariant } from '@strapi/design-system';
import type { EditorVersionStatus } from '../../../shared/contracts/versions';
import { useT } from '../hooks/useT';

const VARIANTS: Record<EditorVersionStatus, StatusVariant> = {
  draft: 'secondary',
  scheduled: 'primary',
  current: 'success',
  superseded: 'neutral',
  withdrawn: 'danger',
};

export const StatusBadge = ({ status }: { status: EditorVersionStatus }) => {
  const t = useT();
  return (
    <Status variant={VARIANTS[status]} size="S">
      <Typography fontWeight="bold">{t(`status.${status}`)}</Typography>
    </Status>
  );
};
