/**
 * The console's build (`npm run build` writes it to dist/console at the project root): its
 * index.html and the hashed files under assets/, read once and kept in memory (about 25 KB).
 * The root is found by walking up to Beacon's package.json, as beaconVersion() does, so the
 * same code finds it running from apps/ in the tests and from dist/ in the image.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

export interface ConsoleFile {
  mediaType: string;
  body: Buffer;
}

export interface ConsoleBuild {
  folder: string;
  indexHtml: Buffer;
  /** The files under assets/ by name; a request names one of these or gets 404. */
  assets: ReadonlyMap<string, ConsoleFile>;
}

const MEDIA_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** dist/console under the project root, or undefined when no package.json names Beacon. */
export function consoleFolder(from = __dirname): string | undefined {
  for (let directory = from; directory !== dirname(directory); directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'beacon') {
      return join(directory, 'dist', 'console');
    }
  }
  return undefined;
}

/** The build in `folder`, or undefined when it has no index.html (the console was not built). */
export function loadConsoleBuild(folder: string): ConsoleBuild | undefined {
  const indexPath = join(folder, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  const assetsFolder = join(folder, 'assets');
  const assets = new Map<string, ConsoleFile>();
  for (const name of existsSync(assetsFolder) ? readdirSync(assetsFolder) : []) {
    const mediaType = MEDIA_TYPES[extname(name)];
    if (mediaType) assets.set(name, { mediaType, body: readFileSync(join(assetsFolder, name)) });
  }
  return { folder, indexHtml: readFileSync(indexPath), assets };
}
