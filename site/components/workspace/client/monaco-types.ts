/**
 * Type declarations that make IntelliSense know Express, supertest and sqlite3 in the learner's
 * JavaScript. They are the real .d.ts files from node_modules, inlined at build time with `?raw`, plus
 * a small stand-in for the few Node modules they mention (the whole of @types/node would be ~2 MB).
 */
import expressTypes from '../../../../node_modules/@types/express/index.d.ts?raw';
import coreTypes from '../../../../node_modules/@types/express-serve-static-core/index.d.ts?raw';
import serveStaticTypes from '../../../../node_modules/@types/serve-static/index.d.ts?raw';
import bodyParserTypes from '../../../../node_modules/@types/body-parser/index.d.ts?raw';
import qsTypes from '../../../../node_modules/@types/qs/index.d.ts?raw';
import rangeParserTypes from '../../../../node_modules/@types/range-parser/index.d.ts?raw';
import sendTypes from '../../../../node_modules/@types/send/index.d.ts?raw';
import httpErrorsTypes from '../../../../node_modules/@types/http-errors/index.d.ts?raw';
import supertestTypes from '../../../../node_modules/@types/supertest/index.d.ts?raw';
import supertestTypesTypes from '../../../../node_modules/@types/supertest/types.d.ts?raw';
import supertestAgentTypes from '../../../../node_modules/@types/supertest/lib/agent.d.ts?raw';
import supertestTestTypes from '../../../../node_modules/@types/supertest/lib/test.d.ts?raw';
import supertestCookiesTypes from '../../../../node_modules/@types/supertest/lib/cookies.d.ts?raw';
import superagentTypes from '../../../../node_modules/@types/superagent/index.d.ts?raw';
import superagentTypesTypes from '../../../../node_modules/@types/superagent/types.d.ts?raw';
import superagentAgentBase from '../../../../node_modules/@types/superagent/lib/agent-base.d.ts?raw';
import superagentRequestBase from '../../../../node_modules/@types/superagent/lib/request-base.d.ts?raw';
import superagentResponseBase from '../../../../node_modules/@types/superagent/lib/response-base.d.ts?raw';
import superagentNodeAgent from '../../../../node_modules/@types/superagent/lib/node/agent.d.ts?raw';
import superagentNodeIndex from '../../../../node_modules/@types/superagent/lib/node/index.d.ts?raw';
import superagentNodeResponse from '../../../../node_modules/@types/superagent/lib/node/response.d.ts?raw';
import superagentHttp2 from '../../../../node_modules/@types/superagent/lib/node/http2wrapper.d.ts?raw';
import sqlite3Types from '../../../../node_modules/sqlite3/lib/sqlite3.d.ts?raw';

/** Just enough of Node's modules for the libraries above to type-check and to complete well. */
const NODE_SHIM = `
declare module 'events' {
  class EventEmitter {
    on(event: string | symbol, listener: (...args: any[]) => void): this;
    once(event: string | symbol, listener: (...args: any[]) => void): this;
    off(event: string | symbol, listener: (...args: any[]) => void): this;
    emit(event: string | symbol, ...args: any[]): boolean;
  }
  export = EventEmitter;
  namespace EventEmitter { export { EventEmitter }; }
}
declare module 'stream' {
  import EventEmitter = require('events');
  export class Stream extends EventEmitter { pipe<T>(destination: T, options?: { end?: boolean }): T; }
  export class Readable extends Stream { read(size?: number): any; }
  export class Writable extends Stream { write(chunk: any, cb?: (error?: Error | null) => void): boolean; end(cb?: () => void): this; }
  export class Duplex extends Readable {}
}
declare module 'net' {
  import { Duplex } from 'stream';
  export class Socket extends Duplex { remoteAddress?: string; }
  export interface AddressInfo { address: string; family: string; port: number; }
  export class Server { address(): AddressInfo | string | null; close(callback?: (err?: Error) => void): this; }
}
declare module 'http' {
  import { Readable, Writable } from 'stream';
  import { Socket, Server as NetServer } from 'net';
  export type IncomingHttpHeaders = Record<string, string | string[] | undefined>;
  export type OutgoingHttpHeaders = Record<string, number | string | string[] | undefined>;
  export class IncomingMessage extends Readable {
    headers: IncomingHttpHeaders; method?: string; url?: string; statusCode?: number; socket: Socket; httpVersion: string;
  }
  export class ServerResponse<Request extends IncomingMessage = IncomingMessage> extends Writable {
    statusCode: number; statusMessage: string; headersSent: boolean; req: Request;
    setHeader(name: string, value: number | string | readonly string[]): this;
    getHeader(name: string): number | string | string[] | undefined;
  }
  export class OutgoingMessage extends Writable {}
  export class Server extends NetServer { listen(port?: number, callback?: () => void): this; }
  export interface ServerOptions {}
  export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
  export class Agent {}
  export interface RequestOptions {}
  export interface AgentOptions {}
  export function createServer(requestListener?: RequestListener): Server;
}
declare module 'https' { export * from 'http'; }
declare module 'http2' { export interface ClientSessionOptions {} export interface SecureClientSessionOptions {} export class Http2Session {} }
declare module 'tls' { export interface ConnectionOptions {} export interface SecureContextOptions {} }
declare module 'url' { export class URL { constructor(input: string, base?: string); href: string; pathname: string; } }
declare module 'fs' { export class ReadStream {} }
declare var process: { env: Record<string, string | undefined>; argv: string[]; exit(code?: number): never };
declare class Buffer extends Uint8Array { toString(encoding?: string): string; static from(value: string | ArrayBuffer | readonly number[], encoding?: string): Buffer; }
`;

export const EXTRA_LIBS: Array<[path: string, content: string]> = [
  ['file:///node_modules/@types/node/index.d.ts', NODE_SHIM],
  ['file:///node_modules/@types/express/index.d.ts', expressTypes],
  ['file:///node_modules/@types/express-serve-static-core/index.d.ts', coreTypes],
  ['file:///node_modules/@types/serve-static/index.d.ts', serveStaticTypes],
  ['file:///node_modules/@types/body-parser/index.d.ts', bodyParserTypes],
  ['file:///node_modules/@types/qs/index.d.ts', qsTypes],
  ['file:///node_modules/@types/range-parser/index.d.ts', rangeParserTypes],
  ['file:///node_modules/@types/send/index.d.ts', sendTypes],
  ['file:///node_modules/@types/http-errors/index.d.ts', httpErrorsTypes],
  ['file:///node_modules/@types/supertest/index.d.ts', supertestTypes],
  ['file:///node_modules/@types/supertest/types.d.ts', supertestTypesTypes],
  ['file:///node_modules/@types/supertest/lib/agent.d.ts', supertestAgentTypes],
  ['file:///node_modules/@types/supertest/lib/test.d.ts', supertestTestTypes],
  ['file:///node_modules/@types/supertest/lib/cookies.d.ts', supertestCookiesTypes],
  ['file:///node_modules/@types/superagent/index.d.ts', superagentTypes],
  ['file:///node_modules/@types/superagent/types.d.ts', superagentTypesTypes],
  ['file:///node_modules/@types/superagent/lib/agent-base.d.ts', superagentAgentBase],
  ['file:///node_modules/@types/superagent/lib/request-base.d.ts', superagentRequestBase],
  ['file:///node_modules/@types/superagent/lib/response-base.d.ts', superagentResponseBase],
  ['file:///node_modules/@types/superagent/lib/node/agent.d.ts', superagentNodeAgent],
  ['file:///node_modules/@types/superagent/lib/node/index.d.ts', superagentNodeIndex],
  ['file:///node_modules/@types/superagent/lib/node/response.d.ts', superagentNodeResponse],
  ['file:///node_modules/@types/superagent/lib/node/http2wrapper.d.ts', superagentHttp2],
  ['file:///node_modules/sqlite3/index.d.ts', sqlite3Types],
];
