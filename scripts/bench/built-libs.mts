// The bench reads the configuration, drops the database and deletes the RabbitMQ topology with
// Beacon's own code, taken from the build it measures, so the clean-up cannot drift from what the
// gateway created. dist/ is CommonJS without declarations and does not exist before a build, so
// `tsc` cannot resolve a static import of it: the modules are loaded by URL, typed from sources.
import type * as Config from '../../libs/config/src/index.js';
import type * as Database from '../../libs/database/src/index.js';
import type * as Messaging from '../../libs/messaging/src/index.js';

const fromDist = (lib: string): Promise<unknown> =>
  import(new URL(`../../dist/libs/${lib}/src/index.js`, import.meta.url).href);

export const { loadConfig } = (await fromDist('config')) as typeof Config;
export const { dropDatabase } = (await fromDist('database')) as typeof Database;
export const { RabbitTopology, connectToFirst } = (await fromDist('messaging')) as typeof Messaging;
