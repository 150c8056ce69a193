/** Domain errors of live visit streams. */
import { DomainError } from '../errors/domain.error';

/** The caller holds LIVE_STREAMS_PER_USER streams on this replica already: 429. */
export class TooManyLiveStreamsError extends DomainError {
  constructor(limit: number) {
    super(
      'TOO_MANY_STREAMS',
      `Too many live streams open: at most ${limit} at once; close one to open another`,
    );
  }
}
