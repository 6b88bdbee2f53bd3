/** The MAN matrix (seed 002; other-methods.md): the class from the three checks, and its action. */
import type { ManResult } from '../result.js';
import type { Rating } from '../snapshot/schema.js';

const ACTIONS: Record<string, { zh: string; en: string }> = {
  'M-A-N': { zh: '理想客户:立即推进。', en: 'Ideal prospect: pursue now.' },
  'M-A-n': { zh: '有钱有权、需求未显:先开发需求,再推进。', en: 'Money and authority, need not yet shown: develop the need, then pursue.' },
  'M-a-N': { zh: '有钱有需求、未接触到权力:找到并接触有决定权的人。', en: 'Money and need, no authority reached: find and reach the person with authority.' },
  'm-A-N': { zh: '有权有需求、资金不确定:核实资金、信用条件或付款计划。', en: 'Authority and need, money uncertain: check funding, credit terms or a payment plan.' },
  'm-a-N': { zh: '只有需求:培育,关注预算和权力的变化。', en: 'Need only: nurture, and watch for budget and authority.' },
  'm-A-n': { zh: '只有权力:长期培育。', en: 'Authority only: nurture long-term.' },
  'M-a-n': { zh: '只有财力:长期培育。', en: 'Money only: nurture long-term.' },
  'm-a-n': { zh: '不是潜在客户:停止主动跟进。', en: 'Not a prospect: stop active pursuit.' },
};

/**
 * The MAN class: capital letter only where the check is C.
 * @example manClass('C', 'F', 'C') // { class: 'M-a-N', action: … }
 */
export function manClass(money: Rating, authority: Rating, need: Rating): ManResult {
  const cls = `${money === 'C' ? 'M' : 'm'}-${authority === 'C' ? 'A' : 'a'}-${need === 'C' ? 'N' : 'n'}`;
  return { class: cls, action: ACTIONS[cls]! };
}
