import type { ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  Field,
  Flex,
  Grid,
  IconButton,
  SingleSelect,
  SingleSelectOption,
  Switch,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { CheckCircle, Plus, Trash } from '@strapi/icons';
// Types only: shared/consent-terms.ts imports zod through @strapi/utils, which must not reach the admin bundle.
import { TERM_ITEMS, unsetTermItems, type TermItem } from '../../../shared/consent-items';
import type { ConsentTermsDraft } from '../../../shared/consent-terms';
import { SUPPORTED_LOCALES, type PolicyLocale } from '../../../shared/locales';
import { useT, type MessageKey, type Translate } from '../hooks/useT';

/**
 * The consent terms of a version (shared/consent-terms.ts): what Law 94-V Art. 8(4) asks a consent to name,
 * the purposes a subject accepts one by one, and where the data is stored. The form keeps what is being typed
 * (a half-typed BIN, an empty row); `termsOf` turns it into the object the server takes whole.
 */

/** The items' names in the admin's language, in the list's order: "operator, term". */
export const describeTermItems = (items: readonly string[], t: Translate) =>
  items.map((item) => ((TERM_ITEMS as readonly string[]).includes(item) ? t(`consent.item.${item as TermItem}`) : item)).join(', ');

const UNTIL_WITHDRAWN = 'until-withdrawn';
const TERM_PRESETS = ['P1Y', 'P3Y', 'P5Y', UNTIL_WITHDRAWN] as const;
type TermPreset = (typeof TERM_PRESETS)[number];
type TermChoice = 'unset' | TermPreset | 'custom';
/** A list that may be unset (nothing said yet), explicitly empty ("none"), or listed. */
type ListMode = 'unset' | 'none' | 'listed';
type YesNo = 'unset' | 'yes' | 'no';

interface PurposeRow {
  key: number;
  id: string;
  required: boolean;
  title: Record<PolicyLocale, string>;
}
interface PartyRow {
  key: number;
  name: string;
  country: string;
}

export interface ConsentForm {
  operatorName: string;
  operatorBin: string;
  /** One category per line. */
  dataCategories: string;
  purposes: PurposeRow[];
  term: TermChoice;
  customTerm: string;
  thirdParties: ListMode;
  parties: PartyRow[];
  crossBorder: ListMode;
  /** Country codes separated by commas or spaces. */
  countries: string;
  publicSources: YesNo;
  storageLocation: string;
  contact: string;
}

export type ConsentFormUpdate = (update: (form: ConsentForm) => ConsentForm) => void;

// Rows need a stable React key while their id or name is still being typed.
let lastRowKey = 0;
const rowKey = () => ++lastRowKey;
const emptyTitle = (): Record<PolicyLocale, string> => ({ ru: '', kk: '', en: '' });
const isPreset = (term: string): term is TermPreset => (TERM_PRESETS as readonly string[]).includes(term);
const countryList = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);

/** The form for terms as the server returned them (none yet: everything unset). */
export function consentFormOf(terms: ConsentTermsDraft | null | undefined): ConsentForm {
  const draft = terms ?? {};
  return {
    operatorName: draft.operator?.name ?? '',
    operatorBin: draft.operator?.bin ?? '',
    dataCategories: (draft.dataCategories ?? []).join('\n'),
    purposes: (draft.purposes ?? []).map((purpose) => ({
      key: rowKey(),
      id: purpose.id,
      required: purpose.required,
      title: { ...emptyTitle(), ...purpose.title },
    })),
    term: draft.term === undefined ? 'unset' : isPreset(draft.term) ? draft.term : 'custom',
    customTerm: draft.term !== undefined && !isPreset(draft.term) ? draft.term : '',
    thirdParties: draft.thirdParties === undefined ? 'unset' : draft.thirdParties.length === 0 ? 'none' : 'listed',
    parties: (draft.thirdParties ?? []).map((party) => ({ key: rowKey(), name: party.name, country: party.country })),
    crossBorder: draft.crossBorder === undefined ? 'unset' : draft.crossBorder.length === 0 ? 'none' : 'listed',
    countries: (draft.crossBorder ?? []).join(', '),
    publicSources: draft.publicSources === undefined ? 'unset' : draft.publicSources ? 'yes' : 'no',
    storageLocation: draft.storageLocation ?? '',
    contact: draft.contact ?? '',
  };
}

/**
 * The whole terms object the form says, as PUT /versions/:documentId/consent takes it: blank fields are
 * left out (unset), an empty list of third parties or countries says "none". Whatever is filled in is sent
 * as typed (trimmed, country codes in capitals), so the server's 400 names what is wrong with it.
 */
export function termsOf(form: ConsentForm): ConsentTermsDraft {
  const terms: ConsentTermsDraft = {};
  const name = form.operatorName.trim();
  const bin = form.operatorBin.trim();
  if (name || bin) terms.operator = { ...(name ? { name } : {}), ...(bin ? { bin } : {}) };
  const categories = form.dataCategories
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (categories.length > 0) terms.dataCategories = categories;
  if (form.purposes.length > 0) {
    terms.purposes = form.purposes.map((row) => ({
      id: row.id.trim(),
      required: row.required,
      title: Object.fromEntries(
        SUPPORTED_LOCALES.map((locale) => [locale, row.title[locale].trim()] as const).filter(([, title]) => title)
      ),
    }));
  }
  if (form.term === 'custom') {
    if (form.customTerm.trim()) terms.term = form.customTerm.trim();
  } else if (form.term !== 'unset') terms.term = form.term;
  if (form.thirdParties === 'none') terms.thirdParties = [];
  if (form.thirdParties === 'listed') {
    terms.thirdParties = form.parties
      .map((row) => ({ name: row.name.trim(), country: row.country.trim().toUpperCase() }))
      .filter((party) => party.name || party.country);
  }
  if (form.crossBorder === 'none') terms.crossBorder = [];
  if (form.crossBorder === 'listed') terms.crossBorder = countryList(form.countries);
  if (form.publicSources !== 'unset') terms.publicSources = form.publicSources === 'yes';
  if (form.storageLocation.trim()) terms.storageLocation = form.storageLocation.trim().toUpperCase();
  if (form.contact.trim()) terms.contact = form.contact.trim();
  return terms;
}

/** Whether two terms objects say the same (both as `termsOf` builds them, so their keys come in one order). */
export const sameTerms = (a: ConsentTermsDraft, b: ConsentTermsDraft) => JSON.stringify(a) === JSON.stringify(b);

/** Why the server refused the terms: its message, and every problem of `details.errors` when there are several. */
export interface ConsentRefusal {
  message: string;
  errors: string[];
}

const Section = ({ title, item, unset, children }: { title: string; item?: TermItem; unset: TermItem[]; children: ReactNode }) => {
  const t = useT();
  const missing = item !== undefined && unset.includes(item);
  return (
    <Grid.Item col={12} direction="column" alignItems="stretch" data-consent-section={item ?? 'contact'} data-unset={missing}>
      <Flex gap={2} paddingBottom={2} alignItems="baseline">
        <Typography variant="delta" tag="h3">
          {title}
        </Typography>
        {missing && (
          <Typography variant="pi" textColor="warning600">
            {t('consent.unset.mark')}
          </Typography>
        )}
      </Flex>
      {children}
    </Grid.Item>
  );
};

interface ConsentTermsEditorProps {
  form: ConsentForm;
  onChange: ConsentFormUpdate;
  /** The server's refusal of the last save, if it refused. */
  refusal: ConsentRefusal | null;
}

/** The draft's consent terms, every item of Art. 8(4) with what is still unset on top; saved with the texts. */
export const ConsentTermsEditor = ({ form, onChange, refusal }: ConsentTermsEditorProps) => {
  const t = useT();
  const unset = unsetTermItems(termsOf(form));
  const set = <Key extends keyof ConsentForm>(key: Key, value: ConsentForm[Key]) => onChange((previous) => ({ ...previous, [key]: value }));
  const setPurpose = (key: number, change: (row: PurposeRow) => PurposeRow) =>
    onChange((previous) => ({ ...previous, purposes: previous.purposes.map((row) => (row.key === key ? change(row) : row)) }));
  const setParty = (key: number, change: (row: PartyRow) => PartyRow) =>
    onChange((previous) => ({ ...previous, parties: previous.parties.map((row) => (row.key === key ? change(row) : row)) }));

  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="consent-terms">
      <Typography textColor="neutral600">{t('consent.intro')}</Typography>
      {unset.length > 0 ? (
        <Alert variant="warning" closeLabel={t('common.close')} title={t('consent.unset.title')} data-testid="consent-unset" data-items={unset.join(' ')}>
          {t('consent.unset.body', { items: describeTermItems(unset, t) })}
        </Alert>
      ) : (
        <Flex gap={2} data-testid="consent-unset" data-items="">
          <CheckCircle fill="success600" aria-hidden />
          <Typography>{t('consent.complete')}</Typography>
        </Flex>
      )}
      {refusal && (
        <Alert variant="danger" closeLabel={t('common.close')} title={t('consent.refused')} data-testid="consent-problems">
          {refusal.errors.length > 1 ? (
            <Flex direction="column" alignItems="flex-start" gap={1} tag="ul">
              {refusal.errors.map((error) => (
                <Typography key={error} tag="li">
                  {error}
                </Typography>
              ))}
            </Flex>
          ) : (
            refusal.message
          )}
        </Alert>
      )}

      <Grid.Root gap={6}>
        <Section title={t('consent.operator')} item="operator" unset={unset}>
          <Grid.Root gap={4}>
            <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
              <Field.Root name="consent-operator-name">
                <Field.Label>{t('consent.operator.name')}</Field.Label>
                <TextInput value={form.operatorName} onChange={(event) => set('operatorName', event.target.value)} />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <Field.Root name="consent-operator-bin" hint={t('consent.operator.bin.hint')}>
                <Field.Label>{t('consent.operator.bin')}</Field.Label>
                <TextInput value={form.operatorBin} inputMode="numeric" maxLength={12} onChange={(event) => set('operatorBin', event.target.value)} />
                <Field.Hint />
              </Field.Root>
            </Grid.Item>
          </Grid.Root>
        </Section>

        <Section title={t('consent.dataCategories')} item="dataCategories" unset={unset}>
          <Field.Root name="consent-dataCategories" hint={t('consent.dataCategories.hint')}>
            <Field.Label>{t('consent.dataCategories.label')}</Field.Label>
            <Textarea value={form.dataCategories} onChange={(event) => set('dataCategories', event.target.value)} />
            <Field.Hint />
          </Field.Root>
        </Section>

        <Section title={t('consent.purposes')} item="purposes" unset={unset}>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography variant="pi" textColor="neutral600">
              {t('consent.purposes.hint')}
            </Typography>
            {form.purposes.length === 0 && <Typography textColor="neutral600">{t('consent.purposes.empty')}</Typography>}
            {form.purposes.map((row, index) => {
              const n = index + 1;
              return (
                <Box key={row.key} padding={4} hasRadius borderColor="neutral200" data-testid={`consent-purpose-${index}`}>
                  <Grid.Root gap={4}>
                    <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                      <Field.Root name={`consent-purpose-${index}-id`} hint={t('consent.purpose.id.hint')}>
                        <Field.Label>{t('consent.purpose.id', { n })}</Field.Label>
                        <TextInput value={row.id} onChange={(event) => setPurpose(row.key, (previous) => ({ ...previous, id: event.target.value }))} />
                        <Field.Hint />
                      </Field.Root>
                    </Grid.Item>
                    <Grid.Item col={4} s={8} direction="column" alignItems="stretch">
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Typography variant="pi" fontWeight="bold" aria-hidden>
                          {t('consent.purpose.required.label')}
                        </Typography>
                        <Switch
                          checked={row.required}
                          onCheckedChange={(required) => setPurpose(row.key, (previous) => ({ ...previous, required }))}
                          onLabel={t('consent.purpose.required.on')}
                          offLabel={t('consent.purpose.required.off')}
                          visibleLabels
                          aria-label={t('consent.purpose.required', { n })}
                          data-testid={`consent-purpose-${index}-required`}
                        />
                      </Flex>
                    </Grid.Item>
                    <Grid.Item col={2} s={4} direction="column" alignItems="flex-end" justifyContent="flex-end">
                      <IconButton
                        label={t('consent.purpose.remove', { n })}
                        variant="danger-light"
                        onClick={() => onChange((previous) => ({ ...previous, purposes: previous.purposes.filter((other) => other.key !== row.key) }))}
                      >
                        <Trash />
                      </IconButton>
                    </Grid.Item>
                    {SUPPORTED_LOCALES.map((locale) => (
                      <Grid.Item key={locale} col={4} s={12} direction="column" alignItems="stretch">
                        <Field.Root name={`consent-purpose-${index}-title-${locale}`}>
                          <Field.Label>{t('consent.purpose.title', { n, language: t(`locale.${locale}`) })}</Field.Label>
                          <TextInput
                            value={row.title[locale]}
                            lang={locale}
                            onChange={(event) =>
                              setPurpose(row.key, (previous) => ({ ...previous, title: { ...previous.title, [locale]: event.target.value } }))
                            }
                          />
                        </Field.Root>
                      </Grid.Item>
                    ))}
                  </Grid.Root>
                </Box>
              );
            })}
            <Box>
              <Button
                variant="secondary"
                startIcon={<Plus />}
                onClick={() =>
                  onChange((previous) => ({ ...previous, purposes: [...previous.purposes, { key: rowKey(), id: '', required: previous.purposes.length === 0, title: emptyTitle() }] }))
                }
                data-testid="consent-purpose-add"
              >
                {t('consent.purpose.add')}
              </Button>
            </Box>
          </Flex>
        </Section>

        <Section title={t('consent.term')} item="term" unset={unset}>
          <Grid.Root gap={4}>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Field.Root name="consent-term">
                <Field.Label>{t('consent.term.label')}</Field.Label>
                <SingleSelect value={form.term} onChange={(value) => set('term', value as TermChoice)} data-testid="consent-term">
                  {(['unset', ...TERM_PRESETS, 'custom'] as const).map((choice) => (
                    <SingleSelectOption key={choice} value={choice}>
                      {t(`consent.term.${choice}`)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Grid.Item>
            {form.term === 'custom' && (
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="consent-term-custom" hint={t('consent.term.custom.hint')}>
                  <Field.Label>{t('consent.term.custom.label')}</Field.Label>
                  <TextInput value={form.customTerm} placeholder="P6M" onChange={(event) => set('customTerm', event.target.value)} />
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
            )}
          </Grid.Root>
        </Section>

        <Section title={t('consent.thirdParties')} item="thirdParties" unset={unset}>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Box maxWidth="40rem">
              <Field.Root name="consent-thirdParties">
                <Field.Label>{t('consent.thirdParties.label')}</Field.Label>
                <SingleSelect
                  value={form.thirdParties}
                  onChange={(value) =>
                    onChange((previous) => ({
                      ...previous,
                      thirdParties: value as ListMode,
                      // Listing starts with one row to fill in.
                      parties: value === 'listed' && previous.parties.length === 0 ? [{ key: rowKey(), name: '', country: '' }] : previous.parties,
                    }))
                  }
                  data-testid="consent-thirdParties"
                >
                  <SingleSelectOption value="unset">{t('consent.list.unset')}</SingleSelectOption>
                  <SingleSelectOption value="none">{t('consent.thirdParties.none')}</SingleSelectOption>
                  <SingleSelectOption value="listed">{t('consent.thirdParties.listed')}</SingleSelectOption>
                </SingleSelect>
              </Field.Root>
            </Box>
            {form.thirdParties === 'listed' && (
              <>
                {form.parties.map((row, index) => {
                  const n = index + 1;
                  return (
                    <Grid.Root key={row.key} gap={4} data-testid={`consent-thirdParty-${index}`}>
                      <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
                        <Field.Root name={`consent-thirdParty-${index}-name`}>
                          <Field.Label>{t('consent.thirdParty.name', { n })}</Field.Label>
                          <TextInput value={row.name} onChange={(event) => setParty(row.key, (previous) => ({ ...previous, name: event.target.value }))} />
                        </Field.Root>
                      </Grid.Item>
                      <Grid.Item col={3} s={8} direction="column" alignItems="stretch">
                        <Field.Root name={`consent-thirdParty-${index}-country`} hint={t('consent.country.hint')}>
                          <Field.Label>{t('consent.thirdParty.country', { n })}</Field.Label>
                          <TextInput
                            value={row.country}
                            maxLength={2}
                            onChange={(event) => setParty(row.key, (previous) => ({ ...previous, country: event.target.value.toUpperCase() }))}
                          />
                          <Field.Hint />
                        </Field.Root>
                      </Grid.Item>
                      <Grid.Item col={2} s={4} direction="column" alignItems="flex-end" justifyContent="center">
                        <IconButton
                          label={t('consent.thirdParty.remove', { n })}
                          variant="danger-light"
                          onClick={() => onChange((previous) => ({ ...previous, parties: previous.parties.filter((other) => other.key !== row.key) }))}
                        >
                          <Trash />
                        </IconButton>
                      </Grid.Item>
                    </Grid.Root>
                  );
                })}
                <Box>
                  <Button
                    variant="secondary"
                    startIcon={<Plus />}
                    onClick={() => onChange((previous) => ({ ...previous, parties: [...previous.parties, { key: rowKey(), name: '', country: '' }] }))}
                    data-testid="consent-thirdParty-add"
                  >
                    {t('consent.thirdParty.add')}
                  </Button>
                </Box>
              </>
            )}
          </Flex>
        </Section>

        <Section title={t('consent.crossBorder')} item="crossBorder" unset={unset}>
          <Grid.Root gap={4}>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Field.Root name="consent-crossBorder">
                <Field.Label>{t('consent.crossBorder.label')}</Field.Label>
                <SingleSelect value={form.crossBorder} onChange={(value) => set('crossBorder', value as ListMode)} data-testid="consent-crossBorder">
                  <SingleSelectOption value="unset">{t('consent.list.unset')}</SingleSelectOption>
                  <SingleSelectOption value="none">{t('consent.crossBorder.none')}</SingleSelectOption>
                  <SingleSelectOption value="listed">{t('consent.crossBorder.listed')}</SingleSelectOption>
                </SingleSelect>
              </Field.Root>
            </Grid.Item>
            {form.crossBorder === 'listed' && (
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="consent-crossBorder-countries" hint={t('consent.crossBorder.countries.hint')}>
                  <Field.Label>{t('consent.crossBorder.countries')}</Field.Label>
                  <TextInput value={form.countries} onChange={(event) => set('countries', event.target.value.toUpperCase())} />
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
            )}
          </Grid.Root>
        </Section>

        <Section title={t('consent.publicSources')} item="publicSources" unset={unset}>
          <Box maxWidth="40rem">
            <Field.Root name="consent-publicSources">
              <Field.Label>{t('consent.publicSources.label')}</Field.Label>
              <SingleSelect value={form.publicSources} onChange={(value) => set('publicSources', value as YesNo)} data-testid="consent-publicSources">
                <SingleSelectOption value="unset">{t('consent.list.unset')}</SingleSelectOption>
                <SingleSelectOption value="no">{t('consent.publicSources.no')}</SingleSelectOption>
                <SingleSelectOption value="yes">{t('consent.publicSources.yes')}</SingleSelectOption>
              </SingleSelect>
            </Field.Root>
          </Box>
        </Section>

        <Section title={t('consent.storageLocation')} item="storageLocation" unset={unset}>
          <Flex gap={4} alignItems="flex-end">
            <Box minWidth="20rem">
              <Field.Root name="consent-storageLocation" hint={t('consent.country.hint')}>
                <Field.Label>{t('consent.storageLocation.label')}</Field.Label>
                <TextInput
                  value={form.storageLocation}
                  placeholder="KZ"
                  maxLength={2}
                  onChange={(event) => set('storageLocation', event.target.value.toUpperCase())}
                />
                <Field.Hint />
              </Field.Root>
            </Box>
            {form.storageLocation.trim() === '' && (
              <Box paddingBottom={6}>
                <Button variant="tertiary" onClick={() => set('storageLocation', 'KZ')} data-testid="consent-storageLocation-kz">
                  {t('consent.storageLocation.suggest')}
                </Button>
              </Box>
            )}
          </Flex>
        </Section>

        <Section title={t('consent.contact')} unset={unset}>
          <Field.Root name="consent-contact" hint={t('consent.contact.hint')}>
            <Field.Label>{t('consent.contact.label')}</Field.Label>
            <TextInput value={form.contact} onChange={(event) => set('contact', event.target.value)} />
            <Field.Hint />
          </Field.Root>
        </Section>
      </Grid.Root>
    </Flex>
  );
};

const Row = ({ label, children, item }: { label: string; children: ReactNode; item: string }) => (
  <Grid.Item col={12} direction="column" alignItems="stretch" data-consent-item={item}>
    <Grid.Root gap={4}>
      <Grid.Item col={4} s={12}>
        <Typography fontWeight="bold" tag="dt">
          {label}
        </Typography>
      </Grid.Item>
      <Grid.Item col={8} s={12} direction="column" alignItems="flex-start">
        {children}
      </Grid.Item>
    </Grid.Root>
  </Grid.Item>
);

const Value = ({ children }: { children: ReactNode }) => <Typography tag="dd">{children}</Typography>;

/** Terms as a version was published with them (or a draft the admin may not edit): read-only. */
export const ConsentTermsView = ({ terms }: { terms: ConsentTermsDraft | null }) => {
  const t = useT();
  if (terms == null) {
    return (
      <Typography textColor="neutral600" data-testid="consent-terms">
        {t('consent.none')}
      </Typography>
    );
  }
  const notStated = <Typography textColor="neutral600">{t('consent.notStated')}</Typography>;
  const list = (items: string[] | undefined, none: MessageKey) =>
    items === undefined ? notStated : items.length === 0 ? <Value>{t(none)}</Value> : <Value>{items.join(', ')}</Value>;
  const term = terms.term === undefined ? undefined : isPreset(terms.term) ? t(`consent.term.${terms.term}`) : terms.term;
  return (
    <Grid.Root gap={3} tag="dl" data-testid="consent-terms">
      <Row label={t('consent.operator')} item="operator">
        {terms.operator?.name || terms.operator?.bin ? (
          <Value>
            {terms.operator.name ?? '—'}, {t('consent.operator.bin')}: {terms.operator.bin ?? '—'}
          </Value>
        ) : (
          notStated
        )}
      </Row>
      <Row label={t('consent.dataCategories')} item="dataCategories">
        {terms.dataCategories?.length ? <Value>{terms.dataCategories.join('; ')}</Value> : notStated}
      </Row>
      <Row label={t('consent.purposes')} item="purposes">
        {terms.purposes?.length ? (
          <Flex direction="column" alignItems="flex-start" gap={1} tag="ul">
            {terms.purposes.map((purpose) => (
              <Typography key={purpose.id} tag="li">
                <code>{purpose.id}</code> ({purpose.required ? t('consent.purpose.required.on') : t('consent.purpose.required.off')}):{' '}
                {SUPPORTED_LOCALES.filter((locale) => purpose.title[locale])
                  .map((locale) => `${locale.toUpperCase()} ${purpose.title[locale]}`)
                  .join(' · ')}
              </Typography>
            ))}
          </Flex>
        ) : (
          notStated
        )}
      </Row>
      <Row label={t('consent.term')} item="term">
        {term === undefined ? notStated : <Value>{term}</Value>}
      </Row>
      <Row label={t('consent.thirdParties')} item="thirdParties">
        {list(
          terms.thirdParties?.map((party) => `${party.name} (${party.country})`),
          'consent.thirdParties.none'
        )}
      </Row>
      <Row label={t('consent.crossBorder')} item="crossBorder">
        {list(terms.crossBorder, 'consent.crossBorder.none')}
      </Row>
      <Row label={t('consent.publicSources')} item="publicSources">
        {terms.publicSources === undefined ? notStated : <Value>{terms.publicSources ? t('consent.publicSources.yes') : t('consent.publicSources.no')}</Value>}
      </Row>
      <Row label={t('consent.storageLocation')} item="storageLocation">
        {terms.storageLocation ? <Value>{terms.storageLocation}</Value> : notStated}
      </Row>
      <Row label={t('consent.contact')} item="contact">
        {terms.contact ? <Value>{terms.contact}</Value> : notStated}
      </Row>
    </Grid.Root>
  );
};
