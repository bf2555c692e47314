import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PLUGIN_ID } from '../pluginId';
import { AcceptancesPage } from './AcceptancesPage';
import { DiffPage } from './DiffPage';
import { EditorPage } from './EditorPage';
import { PoliciesPage } from './PoliciesPage';
import { PolicyPage } from './PolicyPage';

const READ = [{ action: `plugin::${PLUGIN_ID}.read`, subject: null }];

/** The plugin's screens, below /admin/plugins/policy-versions. */
export const App = () => (
  <Page.Protect permissions={READ}>
    <Routes>
      <Route index element={<PoliciesPage />} />
      <Route path=":key" element={<PolicyPage />} />
      <Route path=":key/versions/:documentId" element={<EditorPage />} />
      <Route path=":key/diff" element={<DiffPage />} />
      <Route path=":key/acceptances" element={<AcceptancesPage />} />
      <Route path="*" element={<Page.NoData />} />
    </Routes>
  </Page.Protect>
);
