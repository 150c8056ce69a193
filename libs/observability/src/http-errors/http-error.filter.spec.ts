import { NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { HttpErrorFilter } from './http-error.filter';

describe('HttpErrorFilter', () => {
  it('lets a consumer error travel on unchanged, for the event server to retry or dead-letter', async () => {
    const error = new Error('handler failed');
    const rpc = { getType: () => 'rpc' } as ArgumentsHost;
    const result = new HttpErrorFilter().catch(error, rpc);
    await expect(firstValueFrom(result!)).rejects.toBe(error);
  });

  it('answers an HTTP error in the one error shape', () => {
    const reply = { status: vi.fn(), header: vi.fn(), type: vi.fn(), send: vi.fn() };
    for (const method of ['status', 'header', 'type'] as const)
      reply[method].mockReturnValue(reply);
    const http = {
      getType: () => 'http',
      switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ id: 'req-9' }) }),
    } as unknown as ArgumentsHost;
    new HttpErrorFilter().catch(new NotFoundException('Cannot GET /nope'), http);
    expect(reply.status).toHaveBeenCalledWith(404);
    expect(reply.header).toHaveBeenCalledWith('x-request-id', 'req-9');
    expect(reply.send).toHaveBeenCalledWith({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /nope',
      requestId: 'req-9',
    });
  });
});
