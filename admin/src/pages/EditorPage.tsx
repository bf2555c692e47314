import { Page } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { VersionEditor } from '../components/VersionEditor';
import { useGetPolicyQuery, useGetPolicyVersionQuery } from '../services/api';

/** A version by documentId: editable while it is a draft, read-only once published or withdrawn. */
export const EditorPage = () => {
  const { key = '', documentId = '' } = useParams();
  const policy = useGetPolicyQuery(key);
  const version = useGetPolicyVersionQuery(documentId);

  if (policy.isLoading || version.isLoading) return <Page.Loading />;
  if (!policy.data || !version.data) return <Page.Error />;
  return <VersionEditor key={version.data.documentId} policy={policy.data} initial={version.data} />;
};
