/** Every event Beacon knows, by routing key: what a consumer validates an incoming message with. */
import type { EventContract } from '../event-contract';
import { linkCreated } from './link-created.event';
import { linkDeleted } from './link-deleted.event';
import { linkExpired } from './link-expired.event';
import { linkUpdated } from './link-updated.event';
import { linkVisitStored } from './link-visit-stored.event';
import { linkVisited } from './link-visited.event';
import { productCreated, productDeleted, productUpdated, productViewed } from './product.events';
import { userRegistered } from './user-registered.event';
import { webhookDelivery } from './webhook-delivery.event';

const CONTRACTS: readonly EventContract[] = [
  linkCreated,
  linkVisited,
  linkVisitStored,
  linkUpdated,
  linkDeleted,
  linkExpired,
  userRegistered,
  productCreated,
  productUpdated,
  productDeleted,
  productViewed,
  webhookDelivery,
];

/** Every routing key, e.g. to export a per-type counter at 0 from the start. */
export const EVENT_TYPES: readonly string[] = CONTRACTS.map((contract) => contract.type);

const BY_TYPE = new Map(CONTRACTS.map((contract) => [contract.type, contract]));

export function findEventContract(type: string): EventContract | undefined {
  return BY_TYPE.get(type);
}
