import { Badge, Flex, IconButton, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Cross, Eye, Pencil, Trash } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import type { EditorVersion } from '../../../shared/contracts/versions';
import { SUPPORTED_LOCALES } from '../../../shared/locales';
import type { PluginPermissions } from '../hooks/usePluginPermissions';
import { TableHead } from './TableHead';
import { useT } from '../hooks/useT';
import { ALMATY, formatInstant } from '../utils/dates';
import { pluginPath } from '../utils/paths';
import { StatusBadge } from './StatusBadge';

interface VersionTimelineProps {
  versions: EditorVersion[];
  permissions: PluginPermissions;
  onWithdraw: (version: EditorVersion) => void;
  onDelete: (version: EditorVersion) => void;
}

/** Every version of a policy, newest first, with where it stands today (the server's status) and the actions it allows. */
export const VersionTimeline = ({ versions, permissions, onWithdraw, onDelete }: VersionTimelineProps) => {
  const t = useT();
  const { locale } = useIntl();
  return (
    <Table colCount={7} rowCount={versions.length + 1} data-testid="version-timeline">
      <TableHead labels={(['version', 'status', 'effective', 'material', 'locales', 'updated', 'actions'] as const).map((column) => t(`timeline.${column}`))} />
      <Tbody>
        {versions.map((version) => {
          const { status } = version;
          const editable = status === 'draft' && permissions.canEdit;
          return (
            <Tr key={version.documentId} data-version={version.version ?? 'draft'} data-status={status}>
              <Td>
                <Typography fontWeight="bold">
                  {version.version !== null
                    ? `v${version.version}`
                    : version.basedOnVersion == null
                      ? t('timeline.draft.new')
                      : t('timeline.draft', { base: version.basedOnVersion })}
                </Typography>
              </Td>
              <Td><StatusBadge status={status} /></Td>
              <Td>
                <Flex direction="column" alignItems="flex-start">
                  <Typography>{formatInstant(version.effectiveAt, locale, ALMATY)}</Typography>
                  {version.effectiveAt && (
                    <Typography variant="pi" textColor="neutral600">
                      {formatInstant(version.effectiveAt, locale, 'UTC')}
                    </Typography>
                  )}
                </Flex>
              </Td>
              <Td>
                {version.state !== 'draft' && (
                  <Badge variant={version.material ? 'warning' : 'neutral'}>
                    {version.material ? t('timeline.material.yes') : t('timeline.material.no')}
                  </Badge>
                )}
              </Td>
              <Td>
                <Flex gap={1}>
                  {SUPPORTED_LOCALES.filter((code) => version.locales[code]).map((code) => (
                    <Badge key={code}>{code.toUpperCase()}</Badge>
                  ))}
                </Flex>
              </Td>
              <Td><Typography variant="pi">{formatInstant(version.releasedAt ?? version.updatedAt, locale, ALMATY)}</Typography></Td>
              <Td>
                <Flex gap={1}>
                  <IconButton tag={Link} to={pluginPath(version.policyKey, 'versions', version.documentId)} label={editable ? t('timeline.edit') : t('timeline.view')} variant="ghost">
                    {editable ? <Pencil /> : <Eye />}
                  </IconButton>
                  {status === 'scheduled' && permissions.canPublish && (
                    <IconButton label={t('timeline.withdraw')} variant="ghost" onClick={() => onWithdraw(version)}>
                      <Cross />
                    </IconButton>
                  )}
                  {editable && (
                    <IconButton label={t('timeline.delete')} variant="ghost" onClick={() => onDelete(version)}>
                      <Trash />
                    </IconButton>
                  )}
                </Flex>
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
