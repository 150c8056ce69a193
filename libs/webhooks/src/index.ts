export { internalAddressKind } from './internal-addresses';
export {
  allowedAddresses,
  hostOf,
  MAX_WEBHOOK_URL_LENGTH,
  parseWebhookUrl,
  WebhookUrlRefusedError,
  type HostResolver,
  type ResolvedAddress,
  type WebhookUrlRules,
} from './webhook-url';
export { generateWebhookSecret, WebhookSecretBox } from './webhook-secret-box';
export {
  DELIVERY_ID_HEADER,
  SIGNATURE_HEADER,
  signatureHeader,
  verifySignature,
} from './webhook-signature';
export { webhookSecretBoxProvider, webhookUrlRules } from './webhook-config';
