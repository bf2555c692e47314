import { EmptyStateLayout } from '@strapi/design-system';
import { Information } from '@strapi/icons';
import { useT } from '../hooks/useT';

/** Shown where the server does not offer a feature (yet), instead of an error. */
export const NotAvailable = () => {
  const t = useT();
  return <EmptyStateLayout icon={<Information width="6.4rem" height="6.4rem" />} content={t('common.not-available')} />;
};
