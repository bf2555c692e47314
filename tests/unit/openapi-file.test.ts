import fs from 'node:fs';
import path from 'node:path';
import { pluginDocument } from '../../server/src/openapi';
import { documentProblems } from '../../server/src/openapi/check';

const FILE = path.resolve(__dirname, '..', '..', 'docs', 'openapi.json');

describe('docs/openapi.json', () => {
  it('is the document the contracts generate (run `npm run openapi` after changing a contract)', () => {
    expect(JSON.parse(fs.readFileSync(FILE, 'utf8'))).toEqual(JSON.parse(JSON.stringify(pluginDocument())));
  });

  it('is structurally valid OpenAPI 3.1', () => {
    expect(documentProblems(pluginDocument())).toEqual([]);
  });
});
