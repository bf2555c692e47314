import { Page } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { usePolicyApi } from '../api/usePolicyApi';
import { VersionEditor } from '../components/VersionEditor';
import { usePolicy } from '../hooks/usePolicy';
import { useRemoteData } from '../hooks/useRemoteData';

/** A version by documentId: editable while it is a draft, read-only once published or withdrawn. */
export const EditorPage = () => {
  const { key = '', documentId = '' } = useParams();
  const api = usePolicyApi();
  const loaded = usePolicy(key);
  const version = useRemoteData(() => api.getVersion(documentId), [api, documentId]);

  if ((loaded.loading && !loaded.data) || (version.loading && !version.data)) return <Page.Loading />;
  if (!loaded.data || !version.data) return <Page.Error />;
  return (
    <VersionEditor
      key={version.data.documentId}
      policy={loaded.data.policy}
      versions={loaded.data.versions}
      initial={version.data}
    />
  );
};
