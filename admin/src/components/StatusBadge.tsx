import { Status, Typography, type StatusVariant } from '@strapi/design-system';
import { useT } from '../hooks/useT';
import type { TimelineStatus } from '../utils/versionStatus';

const VARIANTS: Record<TimelineStatus, StatusVariant> = {
  draft: 'secondary',
  scheduled: 'primary',
  current: 'success',
  superseded: 'neutral',
  withdrawn: 'danger',
};

export const StatusBadge = ({ status }: { status: TimelineStatus }) => {
  const t = useT();
  return (
    <Status variant={VARIANTS[status]} size="S">
      <Typography fontWeight="bold">{t(`status.${status}`)}</Typography>
    </Status>
  );
};
