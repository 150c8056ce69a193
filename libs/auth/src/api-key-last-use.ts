/**
 * Keeps `api_keys.last_used_at` roughly current without a write per request: nothing while the
 * stored time is less than a minute old, and at most one write a minute per key from each
 * replica (the writes it has just sent are remembered, since requests keep reading the old value
 * until the first one commits). Fire and forget: a failed write is logged, the request goes on.
 */
import { ApiKeyEntity } from '@beacon/database';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

export const LAST_USE_INTERVAL_MS = 60_000;

/** Beyond this many remembered keys, those written over a minute ago are forgotten. */
const REMEMBERED_KEYS = 10_000;

@Injectable()
export class ApiKeyLastUse {
  private readonly logger = new Logger(ApiKeyLastUse.name);
  private readonly writtenAt = new Map<string, number>();

  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  record(key: Pick<ApiKeyEntity, 'id' | 'lastUsedAt'>, now = Date.now()): void {
    if (key.lastUsedAt && now - key.lastUsedAt.getTime() < LAST_USE_INTERVAL_MS) return;
    const written = this.writtenAt.get(key.id);
    if (written !== undefined && now - written < LAST_USE_INTERVAL_MS) return;
    if (this.writtenAt.size >= REMEMBERED_KEYS)
      this.forgetWrittenBefore(now - LAST_USE_INTERVAL_MS);
    this.writtenAt.set(key.id, now);
    this.keys.update({ id: key.id }, { lastUsedAt: new Date(now) }).catch((error: unknown) => {
      this.logger.warn(`last use of API key ${key.id} not recorded: ${String(error)}`);
    });
  }

  private forgetWrittenBefore(time: number): void {
    for (const [id, written] of this.writtenAt) {
      if (written < time) this.writtenAt.delete(id);
    }
  }
}
