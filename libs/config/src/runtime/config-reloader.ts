/**
 * Applies RUNTIME_CONFIG_FILE to the running app, on a change (the file is read every second)
 * and on SIGHUP. The file is validated with the environment's own schema and production rules,
 * over the environment the config was built from; a valid one is copied into the one config
 * object every module holds, in place (objects merged, values replaced), so each reloadable
 * setting is live where it is read, and no request sees a half-applied state (one synchronous
 * step). An invalid one changes nothing and logs one error naming the key. Listeners (metrics,
 * the log level) hear each outcome.
 */
import { readFile } from 'node:fs/promises';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import {
  configOf,
  InjectConfig,
  sourceOf,
  withRuntimeSettings,
  type EnvironmentSource,
} from '../beacon-config';
import type { BeaconConfig } from '../config-sections';
import { assignInPlace } from './assign-in-place';
import { changedReloadableKeys, reloadableHash } from './reloadable-values';

/** At least every 2 s, as the issue asks; a stat-free read of a small file is cheap. */
const CHECK_INTERVAL_MS = 1_000;

const MISSING = 'unreadable: ENOENT';

export type ConfigReloadTrigger = 'start' | 'change' | 'SIGHUP';

export interface ConfigReload {
  result: 'success' | 'failure';
  /** Hash of the reloadable settings in force after this reload (unchanged by a failure). */
  hash: string;
}

type ReloadListener = (reload: ConfigReload) => void;

@Injectable()
export class ConfigReloader implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ConfigReloader.name);
  private readonly listeners: ReloadListener[] = [];
  private readonly source: EnvironmentSource;
  private inForce: EnvironmentSource;
  private hash: string;
  private lastSeenText: string | undefined;
  private timer?: NodeJS.Timeout;
  private readonly onHangUp = () => this.reload('SIGHUP');

  constructor(@InjectConfig() private readonly config: BeaconConfig) {
    this.source = sourceOf(config);
    this.inForce = settingsInForceAtStart(this.source);
    this.hash = reloadableHash(config);
  }

  get hashInForce(): string {
    return this.hash;
  }

  onReload(listener: ReloadListener): void {
    this.listeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    process.on('SIGHUP', this.onHangUp);
    if (!this.config.runtimeConfigFile) return;
    this.lastSeenText = await this.readFileText();
    if (this.lastSeenText === MISSING) {
      this.logger.warn(`${this.config.runtimeConfigFile} does not exist yet: read when it appears`);
    }
    this.reload('start');
    this.timer = setInterval(() => void this.reloadIfChanged(), CHECK_INTERVAL_MS).unref();
  }

  onModuleDestroy(): void {
    process.off('SIGHUP', this.onHangUp);
    clearInterval(this.timer);
  }

  reload(trigger: ConfigReloadTrigger): void {
    if (!this.config.runtimeConfigFile) {
      this.logger.warn(`${trigger}: RUNTIME_CONFIG_FILE is not set, nothing to reload`);
      return;
    }
    try {
      this.apply(trigger);
      this.emit('success');
    } catch (error) {
      this.logger.error(`${trigger}: runtime settings not applied: ${(error as Error).message}`);
      this.emit('failure');
    }
  }

  private apply(trigger: ConfigReloadTrigger): void {
    const merged = withRuntimeSettings(this.source);
    const next = configOf(this.config.app, merged);
    const changed = changedReloadableKeys(this.inForce, merged);
    assignInPlace(this.config, next);
    this.inForce = merged;
    this.hash = reloadableHash(this.config);
    const what = changed.length > 0 ? changed.join(', ') : 'nothing changed';
    this.logger.log(`${trigger}: runtime settings applied (${what}; hash ${this.hash})`);
  }

  private async reloadIfChanged(): Promise<void> {
    const text = await this.readFileText();
    if (text === this.lastSeenText) return;
    this.lastSeenText = text;
    this.reload('change');
  }

  /** The file's text, or its read error's code: a file that stays missing fails once, not each second. */
  private async readFileText(): Promise<string> {
    try {
      return await readFile(this.config.runtimeConfigFile!, 'utf8');
    } catch (error) {
      return `unreadable: ${(error as NodeJS.ErrnoException).code}`;
    }
  }

  private emit(result: ConfigReload['result']): void {
    for (const listener of this.listeners) listener({ result, hash: this.hash });
  }
}

/** What loadConfig read at start; the file may have changed since (then compare with the environment). */
function settingsInForceAtStart(source: EnvironmentSource): EnvironmentSource {
  try {
    return withRuntimeSettings(source);
  } catch {
    return source;
  }
}
