// The project's observability/ configuration for processes on this machine rather than compose
// services: only addresses, the token file path and the rules path change (the apps' DNS
// discovery becomes their loopback addresses). Used by `npm run stack:native` and by the e2e stack
// test, so both run the very files compose mounts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

export const OBSERVABILITY_DIR = join(import.meta.dirname, '..', '..', 'observability');
export const RULES_DIR = join(OBSERVABILITY_DIR, 'prometheus', 'rules');

/** Where each compose address of prometheus.yml / alertmanager.yml points on this machine. */
export interface LoopbackAddresses {
  gateway: string;
  workerPort: number;
  rabbitmq: string;
  prometheus: string;
  alertmanager: string;
  /** Absent: the tempo scrape job is left out (no Tempo runs here). */
  tempo?: string;
}

interface ScrapeConfig {
  job_name: string;
  authorization?: { credentials_file?: string };
  static_configs?: { targets: string[] }[];
  dns_sd_configs?: { names: string[]; port: number }[];
}

export function renderPrometheusConfig(addresses: LoopbackAddresses, tokenFile: string): string {
  const config = parse(
    readFileSync(join(OBSERVABILITY_DIR, 'prometheus', 'prometheus.yml'), 'utf8'),
  );
  const loopback: Record<string, string | undefined> = {
    'rabbitmq:15692': addresses.rabbitmq,
    'localhost:9090': addresses.prometheus,
    'alertmanager:9093': addresses.alertmanager,
    'tempo:3200': addresses.tempo,
  };
  const relocate = (target: string) => {
    const address = loopback[target];
    if (!address) throw new Error(`prometheus.yml: no loopback address for ${target}`);
    return address;
  };
  config.rule_files = [join(RULES_DIR, '*.rules.yml')];
  for (const alerting of config.alerting.alertmanagers) {
    for (const group of alerting.static_configs) group.targets = group.targets.map(relocate);
  }
  config.scrape_configs = (config.scrape_configs as ScrapeConfig[]).filter(
    (scrape) => addresses.tempo !== undefined || scrape.job_name !== 'tempo',
  );
  for (const scrape of config.scrape_configs as ScrapeConfig[]) {
    if (scrape.authorization?.credentials_file) scrape.authorization.credentials_file = tokenFile;
    for (const group of scrape.static_configs ?? []) group.targets = group.targets.map(relocate);
    // DNS discovery asks a DNS server (never /etc/hosts), so the one local app is named.
    const local: Record<string, string> = {
      gateway: addresses.gateway,
      worker: `127.0.0.1:${addresses.workerPort}`,
    };
    for (const dns of scrape.dns_sd_configs ?? []) {
      const address = local[dns.names.join()];
      if (!address) throw new Error(`unexpected DNS names ${dns.names}`);
      scrape.static_configs = [{ targets: [address] }];
    }
    delete scrape.dns_sd_configs;
  }
  return stringify(config);
}

export function renderAlertmanagerConfig(webhookUrl: string): string {
  const text = readFileSync(join(OBSERVABILITY_DIR, 'alertmanager', 'alertmanager.yml'), 'utf8');
  if (!text.includes('${ALERT_WEBHOOK_URL}')) throw new Error('alertmanager.yml: no webhook URL');
  return text.replaceAll('${ALERT_WEBHOOK_URL}', webhookUrl);
}
