// ESS webhook sender simulator: mutual-TLS delivery with ESS retry rules, event builders, TEST-ONLY certificates.
export { createWebhookSender, essWouldRetry, sendRaw } from './sender';
export type { Attempt, ClientIdentity, DeliveryResult, RawRequest, RawResult, SenderStats, WebhookSender, WebhookSenderOptions } from './sender';
export { fisReadyEvent, reportEvent } from './events';
export type { EssEnvelope, FisEventInput, ReportEventInput } from './events';
export { ESS_CLIENT_CN, TEST_CA_CN, testCertificates } from './certs';
export type { KeyPair, TestCertificates } from './certs';
