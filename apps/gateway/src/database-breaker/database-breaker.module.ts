/** The circuit breaker around the gateway's redirect lookups in MySQL. */
import { Module } from '@nestjs/common';
import { DatabaseBreaker } from './database-breaker.service';

@Module({ providers: [DatabaseBreaker], exports: [DatabaseBreaker] })
export class DatabaseBreakerModule {}
