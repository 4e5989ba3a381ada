// The typed client is checked against the service's OpenAPI description (the committed snapshot):
// schema.d.ts must be generated from the snapshot as it is, and every described path the UI calls must exist.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { CONTRACT, DESCRIBED, operationsOf } from './paths';

const root = resolve(__dirname, '../..');
const snapshot = JSON.parse(readFileSync(resolve(root, 'api/openapi.json'), 'utf8'));

describe('API types against the OpenAPI snapshot', () => {
  it('schema.d.ts is generated from api/openapi.json as committed (npm run api:generate)', async () => {
    const generated = astToString(await openapiTS(snapshot));
    const committed = readFileSync(resolve(root, 'src/api/schema.d.ts'), 'utf8');
    const body = (text: string) => text.slice(text.indexOf('export interface paths'));
    expect(body(committed).trim()).toBe(body(generated).trim());
  });

  it('every described path the UI calls is in the snapshot', () => {
    const operations = operationsOf(snapshot);
    expect(DESCRIBED.filter((op) => !operations.includes(op))).toEqual([]);
  });

  it('contract paths not yet described stay in CONTRACT; described ones move to DESCRIBED', () => {
    const operations = operationsOf(snapshot);
    const nowDescribed = CONTRACT.filter((op) => operations.includes(op));
    // When the backend lands and the snapshot is refreshed, this lists the contract types to switch to schema.d.ts.
    expect(nowDescribed, 'contract paths the service now describes: type them from schema.d.ts').toEqual([]);
  });
});
