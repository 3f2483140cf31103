/**
 * Sensitive words. Empty by default apart from an obvious test sample: each installation maintains its own
 * list (passed in `CheckOptions.sensitiveWords`), since what counts as sensitive is a local decision.
 */
export const SENSITIVE_WORDS: readonly string[] = ['敏感词测试样例'];

/** Terms that contain a sensitive word and are fine: an occurrence inside one of them is not reported. */
export const ALLOWED_WORDS: readonly string[] = ['非敏感词测试样例'];
