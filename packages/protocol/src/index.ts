export { LIMITS } from './limits';
export {
  ERROR_STATUS,
  ERROR_CODES,
  KERNEL_ERROR_CODES,
  ServiceError,
  codeForStatus,
  isErrorCode,
  errorCodeSchema,
  errorInfoSchema,
  errorBodySchema,
  parseErrorDetailsSchema,
  validationIssueSchema,
  validationErrorDetailsSchema,
  type ErrorCode,
  type KernelErrorCode,
  type ErrorInfo,
  type ErrorBody,
  type ParseErrorDetails,
  type ValidationIssue,
  type ValidationErrorDetails,
} from './errors';
export {
  resourceNameSchema,
  descriptionSchema,
  timestampSchema,
  countSchema,
  queryFlag,
  queryInt,
  pagedQuery,
  pageSchema,
} from './fields';
export * from './atoms';
export {
  ROLES,
  CONTENT_TYPES,
  roleAllows,
  defineRoute,
  fillPath,
  openApiPath,
  type Role,
  type HttpMethod,
  type RouteDef,
  type RouteTable,
  type RouteParams,
  type RouteQuery,
  type RouteBody,
  type RouteResponse,
  type RouteParamsInput,
  type RouteQueryInput,
  type RouteBodyInput,
  type RouteResponseInput,
} from './route';
export * from './jobs';
export * from './health';
export * from './cognitive-routes';
export * from './knowledge-routes';
export * from './stream-messages';
export {
  PROTOCOL_VERSION,
  buildOpenApi,
  cognitiveOpenApi,
  knowledgeOpenApi,
  type OpenApiDocument,
  type OpenApiOperation,
  type JsonSchema,
} from './openapi';
export {
  ServiceClient,
  BodyStream,
  abortableDelay,
  type ClientOptions,
  type CallOptions,
  type WaitOptions,
  type RawBody,
  type FetchLike,
} from './service-client';
export { CognitiveClient } from './cognitive-client';
export { KnowledgeClient } from './knowledge-client';
export {
  StreamClient,
  type StreamClientOptions,
  type StreamClientEvents,
  type Subscription,
  type ReconnectOptions,
  type WebSocketLike,
  type WebSocketConstructor,
} from './stream-client';
