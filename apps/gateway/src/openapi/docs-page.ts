/**
 * The interactive docs: Swagger UI (swagger-ui-dist, from npm) served by the gateway itself
 * under `/docs`, reading `/openapi.json`. No CDN and no inline script, so the CSP that every
 * page gets (`script-src 'self'`) holds; the validator badge, which would call
 * validator.swagger.io, is off.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Beacon API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/docs.js"></script>
</body>
</html>
`;

const STARTER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
  });
});
`;

const MEDIA_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
};

/** The files the page loads, and only those: the path names no file of its own choosing. */
const SWAGGER_UI_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'];

export interface DocsAsset {
  mediaType: string;
  body: Buffer;
}

const SWAGGER_UI_FOLDER = dirname(require.resolve('swagger-ui-dist/package.json'));
const assets = new Map<string, DocsAsset>();

/** The asset named, read once and kept (the bundle is 1.5 MB); undefined for any other name. */
export function docsAsset(name: string): DocsAsset | undefined {
  if (name === 'docs.js') return { mediaType: MEDIA_TYPES['.js'], body: Buffer.from(STARTER) };
  if (!SWAGGER_UI_FILES.includes(name)) return undefined;
  let asset = assets.get(name);
  if (!asset) {
    asset = {
      mediaType: MEDIA_TYPES[extname(name)],
      body: readFileSync(join(SWAGGER_UI_FOLDER, name)),
    };
    assets.set(name, asset);
  }
  return asset;
}
