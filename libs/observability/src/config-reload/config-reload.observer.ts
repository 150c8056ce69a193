/**
 * What a runtime-settings reload means for telemetry: `config_reloads_total{result}`,
 * `config_last_reload_successful` (the alert's signal: a failure not followed by a success),
 * `config_info{hash}` for the settings in force, and the pino level, which the logger holds
 * itself (LOG_LEVEL is reloadable, so the next line already uses the new level).
 */
import { ConfigReloader, InjectConfig, type BeaconConfig, type ConfigReload } from '@beacon/config';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_LOGGER } from '../logging/logging.constants';
import {
  CONFIG_INFO,
  CONFIG_LAST_RELOAD_SUCCESSFUL,
  CONFIG_RELOADS,
} from '../metrics/metric-catalog';
import { counterOf, gaugeOf, zeroCounter } from '../metrics/metric-registry';

@Injectable()
export class ConfigReloadObserver implements OnModuleInit {
  private readonly reloads = counterOf(CONFIG_RELOADS);
  private readonly lastSuccessful = gaugeOf(CONFIG_LAST_RELOAD_SUCCESSFUL);
  private readonly info = gaugeOf(CONFIG_INFO);

  constructor(
    @InjectConfig() private readonly config: BeaconConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly reloader: ConfigReloader,
  ) {}

  onModuleInit(): void {
    zeroCounter(CONFIG_RELOADS, { result: 'success' });
    zeroCounter(CONFIG_RELOADS, { result: 'failure' });
    this.lastSuccessful.set(1);
    this.showHash(this.reloader.hashInForce);
    this.reloader.onReload((reload) => this.observe(reload));
  }

  private observe({ result, hash }: ConfigReload): void {
    this.reloads.inc({ result });
    this.lastSuccessful.set(result === 'success' ? 1 : 0);
    if (result === 'failure') return;
    this.logger.level = this.config.log.level;
    this.showHash(hash);
  }

  private showHash(hash: string): void {
    this.info.reset();
    this.info.set({ hash }, 1);
  }
}
