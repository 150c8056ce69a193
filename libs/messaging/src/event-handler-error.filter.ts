/**
 * Lets a consumer handler's error reach RabbitEventServer as it was thrown. Nest's default RPC
 * filter would log it and replace it with `{ status: 'error', message: 'Internal server error' }`,
 * and the retry and dead-letter headers would then say nothing useful about the failure.
 */
import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

@Catch()
export class EventHandlerErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
