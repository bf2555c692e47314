import { DateTimePicker, Field, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useT } from '../hooks/useT';
import { ALMATY, formatInstant } from '../utils/dates';

interface EffectiveDateFieldProps {
  value: Date | null;
  onChange: (value: Date | null) => void;
}

/**
 * The picker works in the browser's own zone; the chosen instant is spelled out in Asia/Almaty and UTC
 * underneath, so an editor anywhere sees exactly when readers in Kazakhstan are bound.
 */
export const EffectiveDateField = ({ value, onChange }: EffectiveDateFieldProps) => {
  const t = useT();
  const { locale } = useIntl();
  return (
    <Field.Root name="effectiveAt" hint={t('editor.effective.hint')}>
      <Field.Label>{t('editor.effective.label')}</Field.Label>
      <DateTimePicker
        value={value}
        onChange={(date) => onChange(date ?? null)}
        onClear={() => onChange(null)}
        clearLabel={t('editor.effective.clear')}
        minDate={new Date()}
        locale={locale}
        step={15}
      />
      <Field.Hint />
      <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={2} data-testid="effective-zones">
        <Typography variant="pi">
          {ALMATY}: <strong>{value ? formatInstant(value, locale, ALMATY) : t('editor.effective.on-publish')}</strong>
        </Typography>
        <Typography variant="pi">
          UTC: <strong>{value ? formatInstant(value, locale, 'UTC') : t('editor.effective.on-publish')}</strong>
        </Typography>
      </Flex>
    </Field.Root>
  );
};
