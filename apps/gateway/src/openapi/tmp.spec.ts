import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { previewOpenApiDocument, previewRoutes } from './preview-document';
it('dump', async () => {
  writeFileSync('/tmp/openapi.json', JSON.stringify(await previewOpenApiDocument(), null, 2));
  console.log((await previewRoutes()).filter(r => !r.spec && !r.hidden).map(r => `${r.method} ${r.path}`));
});
