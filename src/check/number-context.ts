/**
 * Shared helpers for the number rules (personal-id, mobile-number, bank-card): digit normalisation that
 * keeps offsets, and the contexts in which a long number is an order, document or filing number.
 */

/** Full-width digits and letters become ASCII; every character keeps its offset (one code unit each). */
export function asciiDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/**
 * Words that, just before a number, say it is not personal data: order, serial, filing and document numbers.
 * Checked within a short window before the number (a label and a colon or space between are common).
 */
const NOT_PERSONAL_LABEL =
  /订单|单号|编号|编码|流水号|序列号|序号|批号|批次|文号|案号|合同号|发票|运单|工号|代码|识别码|标识码|许可证|登记号|注册号|证书号|交易号|条码|ICP|备(?![用注])|No\.?|NO\.?|ISBN|ISSN|SN/;

const WINDOW = 8;

/** Whether the text just before `start` labels the number as an order, document or filing number. */
export function labelledAsNonPersonal(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - WINDOW), start);
  // Only the label immediately before counts: stop at the last sentence break.
  const clause = before.split(/[。；;！!？?\n，,、]/).pop() ?? '';
  return NOT_PERSONAL_LABEL.test(clause);
}

/** Whether the character is part of a code (an ASCII letter or digit): numbers inside codes are not data. */
export function isCodeChar(char: string | undefined): boolean {
  return char !== undefined && /[0-9A-Za-z]/.test(char);
}
