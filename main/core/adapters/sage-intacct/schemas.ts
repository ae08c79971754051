// Sage Intacct wire shapes as data: the three status levels of a gateway response, their error
// elements, and lenient zod checks at the edge for the getAPISession answer.
import { z } from 'zod';
import type { XmlNode } from '../xml';

export const INTACCT_SYSTEM = 'Sage Intacct';
export const DTD_VERSION = '3.0';

/** One `error` element; any text may be empty. */
export interface IntacctError {
  errorno: string;
  description: string;
  description2: string;
  correction: string;
}

export interface IntacctData {
  /** Attributes of `data`: listtype, count, totalcount, numremaining, resultId, offset. */
  attrs: Record<string, string>;
  /** Child elements of `data` whatever their name (glbatch, GLBATCH, department, api ...). */
  rows: XmlNode[];
}

export interface IntacctResult {
  status: string;
  function: string;
  controlid: string;
  errors: IntacctError[];
  data: IntacctData | null;
  /** Legacy create_* functions answer with a key instead of a data block. */
  key: string;
}

export interface IntacctAuthBlock {
  status: string;
  /** ISO-8601 projected end of the sliding session; '' when absent. */
  sessionTimeout: string;
  errors: IntacctError[];
}

export interface IntacctResponse {
  control: { status: string; controlid: string; errors: IntacctError[] };
  /** Absent when the control block failed. */
  auth: IntacctAuthBlock | null;
  results: IntacctResult[];
}

/** One function of a request: its per-function control id and the verb element with its body. */
export interface IntacctFunction {
  controlId: string;
  body: XmlNode;
}

export type IntacctAuthInput = { sessionId: string } | { login: { userId: string; companyId: string; password: string; locationId?: string } };

export interface IntacctControlInput {
  senderId: string;
  senderPassword: string;
  controlId: string;
  uniqueId: boolean;
}

/** The `api` element of a getAPISession result. */
export const apiSessionSchema = z.object({
  sessionid: z.string().min(1),
  endpoint: z.string().default(''),
  locationid: z.string().default(''),
});
export type ApiSession = z.infer<typeof apiSessionSchema>;
