/**
 * Bilingual vocabularies of the snapshot. Each canonical (English) value lists the spellings people
 * type for it, in English and in Chinese (the seed documents' own words first). JSON snapshots take these
 * spellings exactly (so the JSON Schema can list them); `canonicalValue`, used by the flat-row
 * reader for typed cells, also ignores case and surrounding white space. One table serves the zod
 * schema, the flat-row reader and the docs.
 */
export const vocabularies = {
  segment: {
    enterprise: ['企业', '民营企业', 'private'],
    government: ['政府', '政府机关', '事业单位', 'public-sector', 'gov'],
    'state-owned': ['国企', '央企', '国有企业', 'soe', 'state owned'],
    education: ['教育', '学校', '高校'],
    healthcare: ['医疗', '医院'],
    finance: ['金融', '银行'],
    other: ['其他'],
  },
  outcome: {
    open: ['进行中', '跟进中'],
    won: ['赢单', '赢', '中标', '签约'],
    lost: ['丢单', '输', '输单', '未中标'],
  },
  opportunitySource: {
    trial: ['测试项目', '测试'],
    inquiry: ['咨询', '网上咨询', '来电咨询', 'EDM反馈', '市场活动', 'consulting', 'event', 'edm'],
    visit: ['参观公司', '参观'],
    channel: ['渠道报备', '渠道'],
    outbound: ['主动拓展', '主动拓展的中长期客户', 'prospecting'],
  },
  raisedBy: {
    top: ['决策链高层', '高层', '领导', 'top of the decision chain', 'executive'],
    user: ['使用者', '用户', 'end user'],
  },
  approval: {
    approved: ['已立项', '已批准', '通过', 'yes'],
    pending: ['审批中', '待立项', '讨论中'],
    rejected: ['未通过', '否决', '取消', 'no'],
  },
  fundingSource: {
    own: ['自有资金', '客户自己出钱', '自筹', 'self-funded'],
    'third-party': ['第三方出资', '第三方', 'external'],
    government: ['财政', '财政拨款', 'grant'],
    mixed: ['混合'],
  },
  trial: {
    won: ['优于对手', '胜出', '满意', 'better'],
    tie: ['相当', '持平', 'even'],
    lost: ['不如对手', '落后', 'worse'],
    running: ['测试中', '进行中', 'in progress'],
    none: ['未测试', '无'],
  },
  visitKind: {
    hq: ['总部', '深圳总部', 'headquarters'],
    reference: ['样板', '样板客户', '案例', 'reference site'],
  },
  barrier: {
    'trial-plan': ['测试方案屏障', '测试方案'],
    'tender-specs': ['招标参数屏障', '招标参数'],
    'use-case': ['技术亮点与使用结合', '亮点结合', 'use case'],
  },
  role: {
    'final-say': ['拍板者', '拍板', 'economic buyer'],
    'decision-maker': ['决策者', '决策', 'decider'],
    evaluator: ['评估者', '评估', '技术把关者', 'gatekeeper', 'technical buyer'],
    user: ['使用者', '用户'],
  },
  personality: {
    pioneer: ['前卫者', '前卫'],
    innovator: ['创新者', '创新'],
    pragmatist: ['实用主义者', '实用主义'],
    conservative: ['保守者', '保守'],
    diehard: ['顽固派', '顽固'],
  },
  contact: {
    none: ['不接触', '无接触'],
    some: ['一般接触', '一般'],
    frequent: ['较多接触', '较多'],
    close: ['深交'],
  },
  stance: {
    mentor: ['导师'],
    supporter: ['支持者', '支持'],
    neutral: ['中立者', '中立'],
    unsupportive: ['不支持者', '不支持'],
    enemy: ['敌人', '反对者'],
  },
  channelRelation: {
    ours: ['我方', '我方渠道'],
    competitor: ['对手', '对手渠道', '竞争对手渠道'],
    neutral: ['中立'],
  },
  terms: {
    accepted: ['已认可', '认可', '已接受'],
    negotiating: ['洽谈中', '谈判中'],
    rejected: ['不认可', '拒绝'],
  },
  specsInfluence: {
    yes: ['是', '已引导'],
    partly: ['部分'],
    no: ['否', '未引导'],
    competitor: ['对手主导', '对手编写', '对手渠道编写', '竞争对手主导', 'by-competitor', 'competitor-written'],
  },
  competition: {
    none: ['无竞争对手', '无对手', '没有竞争对手', '独家', 'no competitor', 'sole source', 'uncontested'],
    contested: ['有竞争', '有竞争对手', 'competitive'],
  },
  contractStatus: {
    drafting: ['起草中', '拟定中'],
    approving: ['审批中'],
    signed: ['已签', '已签约', '已签订'],
  },
  payment: {
    none: ['未收款', '未付款'],
    partial: ['部分收款', '已收首款', '部分付款'],
    full: ['全部收款', '已收齐', '回收全部账款', 'paid in full'],
  },
} as const satisfies Record<string, Record<string, readonly string[]>>;

export type Vocabulary = keyof typeof vocabularies;
export type VocabularyValue<V extends Vocabulary> = keyof (typeof vocabularies)[V] & string;

/** Spelling → canonical value, per vocabulary: as listed (`exact`) and folded (trimmed, lower case). */
const exactTables = new Map<Vocabulary, Map<string, string>>();
const foldedTables = new Map<Vocabulary, Map<string, string>>();
const fold = (spelling: string) => spelling.trim().toLowerCase();
const asListed = (spelling: string) => spelling;

function tableOf(name: Vocabulary, tables: Map<Vocabulary, Map<string, string>>, key: (spelling: string) => string): Map<string, string> {
  let table = tables.get(name);
  if (!table) {
    table = new Map();
    for (const [canonical, aliases] of Object.entries(vocabularies[name])) {
      table.set(key(canonical), canonical);
      for (const alias of aliases as readonly string[]) table.set(key(alias), canonical);
    }
    tables.set(name, table);
  }
  return table;
}

/**
 * The canonical value of a spelling, or `undefined` when the vocabulary has no such word.
 * @example canonicalValue('role', '拍板者') // 'final-say'
 * @example canonicalValue('role', ' Evaluator ') // 'evaluator'
 */
export function canonicalValue<V extends Vocabulary>(name: V, spelling: string): VocabularyValue<V> | undefined {
  return tableOf(name, foldedTables, fold).get(fold(spelling)) as VocabularyValue<V> | undefined;
}

/**
 * The canonical value of an exact spelling (as listed, case and spaces included), or undefined.
 * The schema uses it after its enum check, which accepts exact spellings only.
 * @example exactCanonicalValue('role', '拍板者') // 'final-say'
 * @example exactCanonicalValue('role', ' Evaluator ') // undefined
 */
export function exactCanonicalValue<V extends Vocabulary>(name: V, spelling: string): VocabularyValue<V> | undefined {
  return tableOf(name, exactTables, asListed).get(spelling) as VocabularyValue<V> | undefined;
}

/** Every accepted spelling of a vocabulary (canonical values first), for schemas and docs. */
export function spellings(name: Vocabulary): string[] {
  const out: string[] = [];
  for (const [canonical, aliases] of Object.entries(vocabularies[name])) out.push(canonical, ...(aliases as readonly string[]));
  return out;
}

/** The canonical values of a vocabulary, in table order. */
export function canonicalValues<V extends Vocabulary>(name: V): VocabularyValue<V>[] {
  return Object.keys(vocabularies[name]) as VocabularyValue<V>[];
}
