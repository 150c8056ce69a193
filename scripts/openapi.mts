// `npm run openapi [-- --out <file>]`: writes the gateway's OpenAPI 3.1 document, the one it
// serves at /openapi.json, to docs/openapi.json (or <file>) for client generators. Builds dist/
// first, then reads the routes from the app's module graph in Nest's preview mode: no app
// starts, no database, broker or environment is needed.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type * as PreviewDocument from '../apps/gateway/src/openapi/preview-document.ts';

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'docs/openapi.json' } },
});
const { previewOpenApiDocument } = (await import(
  new URL('../dist/apps/gateway/src/openapi/preview-document.js', import.meta.url).href
)) as typeof PreviewDocument;

const document = await previewOpenApiDocument();
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, `${JSON.stringify(document, null, 2)}\n`);
console.log(`wrote ${values.out} (${Object.keys(document.paths).length} paths)`);
