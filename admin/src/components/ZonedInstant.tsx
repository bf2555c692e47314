import { Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { WithdrawalCase } from '../../../shared/contracts/ledger';
import { ALMATY, formatInstant } from '../utils/dates';

/** An instant in Asia/Almaty, with UTC underneath, as the other screens spell instants out. */
export const ZonedInstant = ({ value, danger = false }: { value: string | Date; danger?: boolean }) => {
  const { locale } = useIntl();
  return (
    <Flex direction="column" alignItems="flex-start">
      <Typography textColor={danger ? 'danger600' : 'neutral800'} fontWeight={danger ? 'bold' : undefined}>
        {formatInstant(value, locale, ALMATY)}
      </Typography>
      <Typography variant="pi" textColor={danger ? 'danger600' : 'neutral600'}>
        UTC: {formatInstant(value, locale, 'UTC')}
      </Typography>
    </Flex>
  );
};

/** Purposes withdrawn: null is the whole consent; a partial withdrawal lists the optional purposes it takes back. */
export const withdrawnPurposes = (purposes: WithdrawalCase['withdrawal']['purposes']): string[] | null => {
  if (purposes === null) return null;
  if (Array.isArray(purposes)) return purposes;
  return Object.entries(purposes).flatMap(([purpose, kept]) => (kept ? [] : [purpose]));
};
