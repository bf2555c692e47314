import { Flex, Typography } from '@strapi/design-system';
import { CheckCircle, Clock, WarningCircle } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { useT } from '../hooks/useT';
import { formatInstant } from '../utils/dates';
import { describeMissing, type PublicationCheck } from '../utils/publicationChecks';

const ICONS = {
  pass: <CheckCircle fill="success600" aria-hidden />,
  fail: <WarningCircle fill="danger600" aria-hidden />,
  server: <Clock fill="neutral500" aria-hidden />,
};

/** The publication rules, each with its state and, when it fails, what to do. */
export const PublicationCheckList = ({ checks }: { checks: PublicationCheck[] }) => {
  const t = useT();
  const { locale } = useIntl();

  const detail = (check: PublicationCheck): string => {
    if (check.state === 'server') return t('publish.check.server');
    if (check.state === 'pass') return t('publish.check.ok');
    if (check.code === 'missing-locale') {
      return t('publish.check.missing-locale.fail', { locales: describeMissing(check.missing ?? [], t) });
    }
    if (check.code === 'effective-order') return t('publish.check.effective-order.fail', { date: formatInstant(check.after ?? null, locale) });
    return t('publish.check.effective-in-past.fail');
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2} tag="ul" data-testid="publish-checks">
      {checks.map((check) => (
        <Flex key={check.code} tag="li" gap={2} alignItems="flex-start" data-check={check.code} data-state={check.state}>
          {ICONS[check.state]}
          <Flex direction="column" alignItems="flex-start">
            <Typography fontWeight="bold">{t(`publish.check.${check.code}`)}</Typography>
            <Typography variant="pi" textColor={check.state === 'fail' ? 'danger600' : 'neutral600'}>
              {detail(check)}
            </Typography>
          </Flex>
        </Flex>
      ))}
    </Flex>
  );
};
