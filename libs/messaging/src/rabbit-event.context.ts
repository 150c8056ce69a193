/** What a consumer handler can ask about the message it is handling. */
import { BaseRpcContext } from '@nestjs/microservices';
import type { ConsumeMessage } from 'amqplib';

export class RabbitEventContext extends BaseRpcContext<[ConsumeMessage, string]> {
  getMessage(): ConsumeMessage {
    return this.args[0];
  }

  /** Name of the consumer (queue owner) the message was delivered to. */
  getConsumer(): string {
    return this.args[1];
  }
}
