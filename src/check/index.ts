export * from './types.js';
export * from './engine.js';
export { personalIdRule, isResidentId, maskResidentId, idCheckChar } from './personal-id.js';
export { mobileNumberRule, maskMobile } from './mobile-number.js';
export { bankCardRule, luhnValid, maskBankCard } from './bank-card.js';
export { formulationRule, createFormulationRule } from './formulation.js';
export {
  FORMULATIONS,
  type FormulationDictionary,
  type FormulationEntry,
  type WrongForm,
} from './data/formulations.js';
export { leaderNameRule, createLeaderNameRule } from './leader-name.js';
export {
  NATIONAL_LEADERS,
  SAMPLE_LEADERS,
  type LeaderEntry,
  type LeaderList,
  type LeaderTitle,
} from './data/leaders.js';
export { sensitiveWordRule } from './sensitive-word.js';
export { punctuationRule, findHalfWidthPunctuation } from './punctuation.js';
export { metadataRule, isReprint } from './metadata.js';
export * from './publish-gate.js';
export { internalArticleLinks, internalArticlePath, internalLinkRule } from './internal-link.js';
export { typoRule, findTypos, correctTypos, DEFAULT_TYPO_THRESHOLDS, type TypoThresholds } from './typo.js';
export { typoLexicon, type TypoLexicon } from './typo-lexicon.js';
export { checkPolicyDocument, type PolicyCheckInput } from './policy.js';
