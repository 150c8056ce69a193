import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { EventHandlerErrorFilter } from './event-handler-error.filter';

describe('EventHandlerErrorFilter', () => {
  it('hands the original error on, so its message reaches the retry and dead-letter headers', async () => {
    const error = new Error("Table 'link_daily_stats' doesn't exist");
    await expect(lastValueFrom(new EventHandlerErrorFilter().catch(error))).rejects.toBe(error);
  });
});
