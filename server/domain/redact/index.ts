export { redactEvents, redactFlow, redactFlowList } from './redact-flow';
export { redactHeaderValue, redactText, redactUrl, textMayNeedRedaction } from './redact-text';
export {
  DEFAULT_REDACT_HEADERS,
  DEFAULT_REDACT_QUERY_KEYS,
  DEFAULT_REDACT_RULES,
  isSensitiveHeader,
  isSensitiveQueryKey,
  type NameMatcher,
  type ParseRedactRulesResult,
  parseRedactRules,
  REDACTED,
  type RedactRules,
} from './rules';
