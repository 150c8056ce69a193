/** Serves the web console's built files (console.controller.ts). */
import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';

@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
